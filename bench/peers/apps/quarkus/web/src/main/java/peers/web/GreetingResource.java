package peers.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import peers.lib.Greeter;
import peers.lib.Visits;

/** Answers GET / with the counter, the library's words and a resource (a singleton resource). */
@Path("/")
public class GreetingResource {
  private final Greeter greeter = new Greeter();
  private final Visits visits = new Visits();

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String answer() throws IOException {
    return visits.next() + " " + greeter.word() + " " + "e2=A" /* EDIT2-CALL */ + " " + message() + "\n";
  }

  /** The resource of edit 4, read on every request. */
  private static String message() throws IOException {
    try (InputStream in = GreetingResource.class.getResourceAsStream("/peers/message.txt")) {
      return in == null ? "e4=missing" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
