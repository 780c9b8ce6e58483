package dev.hotpatch.serve.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.protocol.Fields;
import dev.hotpatch.protocol.MessageType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the connected application to restart inside its JVM: stop, and run main again in new module
 * loaders as the build of the launch.json serve has just written. An interface so that the engine's
 * decisions can be tested on every answer.
 */
public interface WarmRestart {
  /**
   * What became of one restart.
   *
   * @param kind how it ended
   * @param why the fallback's or the failure's reason; null when started
   * @param stopMillis how long stopping the application took
   * @param startMillis how long building its new loaders and starting main took
   */
  record Outcome(Kind kind, String why, long stopMillis, long startMillis) {
    public static Outcome fallback(String why) {
      return new Outcome(Kind.FALLBACK, why, 0, 0);
    }
  }

  /** How a warm restart ended. */
  enum Kind {
    /** Main runs again, in the same JVM. */
    STARTED,
    /** The application stopped, but its new start failed; its JVM waits for the next restart. */
    FAILED,
    /** Only a new JVM can start the application again (it may be half stopped). */
    FALLBACK
  }

  /**
   * Restarts the application as {@code nextBuildId}; never throws: what cannot be delivered is a
   * fallback.
   */
  Outcome restart(long restartId, String nextBuildId, Duration stopTimeout);

  /** Over {@code server}'s connection to the application. */
  static WarmRestart through(PatchServer server) {
    return (restartId, nextBuildId, stopTimeout) -> {
      if (!server.connected()) {
        return Outcome.fallback("the application is not connected to serve");
      }
      Map<String, Object> message = new LinkedHashMap<>();
      message.put(Fields.TYPE, MessageType.RESTART.wireName());
      message.put(Fields.NEXT_BUILD_ID, nextBuildId);
      message.put(Fields.STOP_TIMEOUT_MILLIS, stopTimeout.toMillis());
      JsonNode result;
      // Stopping waits for the application's threads up to the timeout; the new loaders and the
      // main class are quick, but a loaded machine is given time.
      long answerSeconds = stopTimeout.toSeconds() + 60;
      try {
        result =
            server.send(restartId, message, Duration.ZERO).get(answerSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.fallback("serve was interrupted");
      } catch (Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return Outcome.fallback(
            "the restart did not reach the application, or it did not answer within "
                + answerSeconds
                + " s ("
                + cause.getMessage()
                + ")");
      }
      long stop = result.path(Fields.STOP_MILLIS).asLong();
      long start = result.path(Fields.START_MILLIS).asLong();
      if (result.path(Fields.OK).asBoolean(false)) {
        return new Outcome(Kind.STARTED, null, stop, start);
      }
      if (result.has(Fields.FALLBACK)
          || !MessageType.RESTART_RESULT.wireName().equals(result.path(Fields.TYPE).asText())) {
        // A patch-result for a restart: the application refused the message itself.
        return new Outcome(
            Kind.FALLBACK,
            result.has(Fields.FALLBACK)
                ? result.path(Fields.FALLBACK).asText()
                : result.path(Fields.ERROR).asText("the application refused the restart"),
            stop,
            start);
      }
      return new Outcome(Kind.FAILED, result.path(Fields.ERROR).asText(), stop, start);
    };
  }
}
