import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * bench/peers: edit-to-effect of hotpatch side by side with the tools users would pick instead.
 *
 * <p>The same small application (a library module used by a web module, one counter in memory
 * shown in each answer) is written once per tool under {@code bench/peers/apps}. Every tool gets
 * its own copy under {@code bench/peers/target/work}, all applications start and sit idle on
 * their own loopback ports, and then four edits go round-robin over the tools, one at a time:
 *
 * <ol>
 *   <li>a method body in the library;
 *   <li>a method added to the library and used by the web module;
 *   <li>a field added to the class that holds the counter;
 *   <li>an edit of a resource the application reads on every request.
 * </ol>
 *
 * <p>Each edit toggles between two variants (A and B) of the files, so runs repeat. A cell is the
 * time from the first file write to the first HTTP answer that shows the new code (polled every
 * 20 ms from the write), whether the counter survived, and what the tool did. Quarkus reloads on
 * the next request, so its edits are measured twice: polled, and with one request 2 s after the
 * write, as a browser refreshed by hand would make.
 *
 * <p>Run from the repository root, after {@code mvn -Dmaven.repo.local=REPO -q install
 * -DskipTests}:
 *
 * <pre>
 * java -Dmaven.repo.local=REPO bench/peers/Peers.java [rounds=11] [tool,tool,...]
 * java bench/peers/Peers.java --table docs/peers/FILE.jsonl
 * </pre>
 *
 * Every Maven run, including the ones this driver starts, uses {@code -Dmaven.repo.local=REPO}.
 * Raw results go to {@code docs/peers/peers-DATE-COMMIT.jsonl} (one JSON object per line, beside
 * the tables in docs/benchmarks.md; {@code -Dpeers.out=FILE} to write elsewhere); the second form
 * prints the Markdown tables of such a file.
 */
public final class Peers {
  static final String MAVEN_39 = "3.9.16";
  static final String QUARKUS = "3.33.2";
  static final String SPRING_BOOT = "3.5.7";
  static final String HOTPATCH = "0.1.0-SNAPSHOT";
  static final long EDIT_DEADLINE_MS = 90_000;
  static final long START_DEADLINE_MS = 600_000; // a first start may download dependencies
  static final long POLL_MS = 20;
  /** After an answer: DevTools looks every 1 s and restarts after 0.4 s of quiet; let that happen. */
  static final long SETTLE_MS = 2_500;
  static final long BROWSER_DELAY_MS = 2_000;
  /** Quarkus looks for changed files on a request only if its last look is 2 s old. */
  static final long QUIET_BEFORE_EDIT_MS = 2_100;

  static final String[] EDIT_NAMES = {
    "",
    "library method body",
    "method added to the library, used by the web module",
    "field added to the class that holds the counter",
    "resource the application reads",
  };

  static Path peers;
  static Path work;
  static String repo;
  static final List<Proc> started = new CopyOnWriteArrayList<>();
  static final ExecutorService background = Executors.newCachedThreadPool(daemon());

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--table")) {
      System.out.println(Table.render(Path.of(args[1])));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    Set<String> only = args.length > 1 ? Set.of(args[1].split(",")) : Set.of();
    repo = System.getProperty("maven.repo.local");
    if (repo == null) {
      fail("pass -Dmaven.repo.local=REPO (the local repository hotpatch was installed into)");
    }
    peers = Path.of("bench/peers").toAbsolutePath();
    if (!Files.isDirectory(peers.resolve("apps"))) {
      fail("run from the repository root: bench/peers/apps not found");
    }
    work = peers.resolve("target/work");
    Files.createDirectories(work.resolve("logs"));
    String commit = git("rev-parse", "--short", "HEAD");
    boolean dirty = !git("status", "--porcelain", "--", ".", ":!bench/peers").isBlank();
    Path out =
        Path.of(System.getProperty("peers.out",
            Path.of("docs/peers/peers-" + LocalDate.now() + "-" + commit + ".jsonl").toAbsolutePath().toString()));
    Files.createDirectories(out.getParent());
    Files.deleteIfExists(out);
    Runtime.getRuntime().addShutdownHook(new Thread(Peers::stopAll));

    List<Tool> tools = new ArrayList<>();
    for (Tool tool : allTools()) {
      if (only.isEmpty() || only.contains(tool.id)) {
        tools.add(tool);
      }
    }
    try (Writer results = Files.newBufferedWriter(out, StandardOpenOption.CREATE_NEW)) {
      Recorder rec = new Recorder(results);
      rec.write(
          Json.obj("type", "meta", "commit", commit, "dirty", dirty, "date", ZonedDateTime.now().toString(),
              "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
              "maven", firstLine(run(peers, 60_000, "mvn", "-v")), "maven39", MAVEN_39,
              "quarkus", QUARKUS, "springBoot", SPRING_BOOT, "rounds", rounds,
              "cores", Runtime.getRuntime().availableProcessors(), "loadavg", loadavg()));
      List<Tool> running = new ArrayList<>();
      for (Tool tool : tools) {
        long begin = System.nanoTime();
        try {
          log("preparing and starting " + tool.id);
          tool.dir = work.resolve(tool.id);
          copyTree(peers.resolve("apps").resolve(tool.app), tool.dir);
          tool.port = freePort();
          tool.prepare();
          tool.start();
          tool.awaitFirstAnswer();
          running.add(tool);
          rec.write(Json.obj("type", "start", "tool", tool.id, "label", tool.label,
              "millis", millisSince(begin), "port", tool.port));
        } catch (Exception e) {
          String reason = tool.id + " could not run: " + e.getMessage();
          log(reason);
          rec.write(Json.obj("type", "unavailable", "tool", tool.id, "label", tool.label, "reason", reason));
          tool.stop();
        }
      }
      Thread.sleep(10_000); // let every application settle before the first measurement
      for (Tool tool : running) {
        rec.write(rss(tool, "after-start"));
      }
      for (int round = 1; round <= rounds; round++) {
        for (int edit = 1; edit <= 4; edit++) {
          for (Tool tool : running) {
            if (tool.broken != null) {
              continue;
            }
            rec.write(measure(tool, edit, round, "poll"));
            if (tool.reloadsOnRequest() && tool.broken == null) {
              rec.write(measure(tool, edit, round, "after-2s"));
            }
          }
        }
      }
      for (Tool tool : running) {
        if (tool.broken != null) {
          rec.write(Json.obj("type", "unavailable", "tool", tool.id, "label", tool.label, "reason", tool.broken));
        } else {
          rec.write(rss(tool, "end"));
        }
      }
    } finally {
      stopAll();
    }
    log("results: " + out);
    System.out.println(Table.render(out));
  }

  static List<Tool> allTools() {
    return List.of(
        new HotpatchServe("hotpatch", "hotpatch:serve, plain application", "plain"),
        new HotpatchServe("hotpatch-facade", "hotpatch:serve, library behind a @HotFacade", "facade"),
        new HotpatchServe("hotpatch-spring", "hotpatch:serve, Spring Boot application (warm restarts)", "spring"),
        new HotpatchServe("hotpatch-spring-jvm", "hotpatch:serve, Spring Boot application, -Dhotpatch.warmRestart=false", "spring"),
        new QuarkusDev("quarkus", "Quarkus dev mode (quarkus:dev)", false),
        new QuarkusDev("quarkus-instr", "Quarkus dev mode, instrumentation reload", true),
        new SpringMvn(),
        new SpringJavac(),
        new JdwpHotSwap(),
        new RebuildRestart());
  }

  // ---------------------------------------------------------------------------------------------
  // One measurement

  static Map<String, Object> measure(Tool tool, int edit, int round, String mode) throws Exception {
    sleepUntil(tool.lastRequestNanos + TimeUnit.MILLISECONDS.toNanos(QUIET_BEFORE_EDIT_MS));
    boolean toB = !tool.variantB[edit];
    boolean first = tool.editsDone++ == 0;
    long countBefore = tool.lastCount;
    Object mark = tool.mark();
    String load = loadavg();

    long t0 = System.nanoTime();
    List<Path> written = applyEdit(tool, edit, toB);
    long[] actionNanos = {-1};
    Future<String> action = background.submit(() -> {
      long started = System.nanoTime();
      try {
        return tool.afterWrite(edit, written);
      } finally {
        actionNanos[0] = System.nanoTime() - started;
      }
    });
    if (!tool.pollsDuringAction()) {
      try {
        action.get(EDIT_DEADLINE_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // reported below, as for every tool
      }
    }
    boolean[] want = tool.variantB.clone();
    want[edit] = toB;

    long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(EDIT_DEADLINE_MS);
    Answer seen = null;
    Long requestMillis = null;
    Boolean firstRequestNew = null;
    String failure = null;
    if (mode.equals("after-2s")) {
      sleepUntil(t0 + TimeUnit.MILLISECONDS.toNanos(BROWSER_DELAY_MS));
      long sent = System.nanoTime();
      Answer answer = tool.get(60_000);
      if (answer != null && answer.shows(want)) {
        seen = answer;
        requestMillis = TimeUnit.NANOSECONDS.toMillis(answer.nanos - sent);
      }
      firstRequestNew = seen != null;
    }
    while (seen == null && System.nanoTime() < deadline) {
      long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS);
      if (action.isDone() && refusal(action) != null) {
        failure = refusal(action);
        break;
      }
      Answer answer = tool.get(30_000);
      if (answer != null && answer.shows(want)) {
        seen = answer;
      } else {
        sleepUntil(next);
      }
    }
    String note = awaitAction(action, deadline);
    if (seen == null && failure == null) {
      failure = note != null && note.startsWith("failed") ? note
          : "no answer with the new code within " + EDIT_DEADLINE_MS / 1000 + " s";
    }
    Thread.sleep(SETTLE_MS);
    Boolean kept = seen == null ? null : seen.count() > countBefore;
    if (seen != null) {
      tool.variantB[edit] = toB;
    } else {
      applyEdit(tool, edit, !toB); // back to what the application runs
      tool.afterRefusal(edit, written);
    }
    String verified = tool.verify();
    Boolean keptAfterSettle = seen == null || verified != null ? null : tool.lastCount > seen.count();
    Did did = seen == null ? Did.of("refused") : tool.did(mark, note, kept);
    if (verified != null) {
      tool.broken = "after edit " + edit + " of round " + round + ": " + verified;
      log(tool.id + " left out from now on: " + tool.broken);
    }
    Map<String, Object> result =
        Json.obj("type", "edit", "tool", tool.id, "label", tool.label, "edit", edit,
            "editName", EDIT_NAMES[edit], "round", round, "mode", mode, "direction", toB ? "A->B" : "B->A",
            "first", first, "ok", seen != null,
            "millis", seen == null ? null : TimeUnit.NANOSECONDS.toMillis(seen.nanos - t0),
            // The step after the write (mvn compile, javac): millis minus this is from the class write.
            "actionMillis", actionNanos[0] < 0 ? null : TimeUnit.NANOSECONDS.toMillis(actionNanos[0]),
            "requestMillis", requestMillis, "firstRequestNew", firstRequestNew,
            "countBefore", countBefore, "countAfter", seen == null ? null : seen.count(),
            "kept", kept, "keptAfterSettle", keptAfterSettle, "did", did.what(), "detail", did.detail(), "note", note, "failure", failure, "loadavg", load);
    log(String.format("round %d edit %d %-16s %-8s %s", round, edit, tool.id, mode,
        seen == null ? "FAILED " + failure : result.get("millis") + " ms, " + (kept ? "kept" : "lost") + ", " + did.what()));
    return result;
  }

  /** The step after the write refused the edit or failed: why; otherwise null. */
  static String refusal(Future<String> action) {
    try {
      String note = action.get();
      return note != null && note.startsWith("refused") ? note : null;
    } catch (Exception e) {
      return "failed: " + (e.getCause() != null ? e.getCause() : e);
    }
  }

  static String awaitAction(Future<String> action, long deadline) {
    try {
      return action.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      action.cancel(true);
      return "failed: the step after the write did not end within the deadline";
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "failed: " + cause;
    }
  }

  /** Writes one edit's files, library files first; returns the files written. */
  static List<Path> applyEdit(Tool tool, int edit, boolean toB) throws IOException {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Swap swap : tool.edits().get(edit)) {
      Path file = tool.dir.resolve(swap.file());
      String text = texts.containsKey(file) ? texts.get(file) : Files.readString(file);
      String from = toB ? swap.a() : swap.b();
      String to = toB ? swap.b() : swap.a();
      int at = text.indexOf(from);
      if (at < 0 || text.indexOf(from, at + 1) >= 0) {
        throw new IllegalStateException(file + " does not hold exactly one '" + from + "'");
      }
      texts.put(file, text.replace(from, to));
    }
    for (Map.Entry<Path, String> entry : texts.entrySet()) {
      Files.writeString(entry.getKey(), entry.getValue());
    }
    return List.copyOf(texts.keySet());
  }

  record Swap(String file, String a, String b) {}

  /** What a tool did: a short label for the table and the tool's own words. */
  record Did(String what, String detail) {
    static Did of(String what) {
      return new Did(what, null);
    }
  }

  /** The four edits of one application, each as text swaps between its variants A and B. */
  static Map<Integer, List<Swap>> edits(String app) {
    boolean facade = app.equals("facade");
    String lib = "lib/src/main/java/peers/lib/";
    String web = "web/src/main/java/peers/web/" + switch (app) {
      case "spring" -> "GreetingController.java";
      case "quarkus" -> "GreetingResource.java";
      default -> "Main.java";
    };
    String greeter = lib + (facade ? "SiteImpl.java" : "Greeter.java");
    String state = lib + (facade ? "SiteImpl.java" : "Visits.java");
    List<Swap> added = new ArrayList<>();
    if (facade) {
      added.add(new Swap(lib + "Site.java", "  // EDIT2-DECL", "  String extra(); // EDIT2-DECL"));
    }
    added.add(new Swap(greeter, "  // EDIT2-METHOD",
        "  " + (facade ? "@Override " : "") + "public String extra() { return \"e2=B\"; } // EDIT2-METHOD"));
    added.add(new Swap(web, "\"e2=A\" /* EDIT2-CALL */", (facade ? "SITE" : "greeter") + ".extra() /* EDIT2-CALL */"));
    return Map.of(
        1, List.of(new Swap(greeter, "return \"e1=A\"; // EDIT1", "return \"e1=B\"; // EDIT1")),
        2, added,
        3, List.of(
            new Swap(state, "  // EDIT3-FIELD", "  private int e3 = 1; // EDIT3-FIELD"),
            new Swap(state, "\" e3=A\"; // EDIT3", "\" e3=B/\" + e3; // EDIT3")),
        4, List.of(new Swap("web/src/main/resources/peers/message.txt", "e4=A", "e4=B")));
  }

  // ---------------------------------------------------------------------------------------------
  // The tools

  abstract static class Tool {
    final String id;
    final String label;
    final String app;
    Path dir;
    int port;
    Proc proc;
    final boolean[] variantB = new boolean[5];
    long lastCount;
    long lastRequestNanos;
    int editsDone;
    String broken;

    Tool(String id, String label, String app) {
      this.id = id;
      this.label = label;
      this.app = app;
    }

    Map<Integer, List<Swap>> edits() {
      return Peers.edits(app);
    }

    /** Untimed: what has to exist before the application starts. */
    void prepare() throws Exception {}

    abstract void start() throws Exception;

    /** Timed: what the developer, the IDE or the build does after the save; null when nothing. */
    String afterWrite(int edit, List<Path> written) throws Exception {
      return null;
    }

    /** Untimed: brings the build output back in line after an edit the tool refused. */
    void afterRefusal(int edit, List<Path> written) throws Exception {}

    boolean reloadsOnRequest() {
      return false;
    }

    /** Where the tool's own record (log, events) stands before an edit. */
    Object mark() {
      return proc == null ? 0 : proc.lines.size();
    }

    /** What the tool did for an edit whose new code answered. */
    abstract Did did(Object mark, String note, boolean kept);

    /** Whether the driver polls while the step after the write runs (false: only after it). */
    boolean pollsDuringAction() {
      return true;
    }

    List<Proc> processes() {
      return proc == null ? List.of() : List.of(proc);
    }

    void stop() {
      processes().forEach(Proc::stop);
    }

    Answer get(int readTimeoutMillis) {
      Answer answer = Answer.get(port, readTimeoutMillis);
      lastRequestNanos = System.nanoTime();
      return answer;
    }

    void awaitFirstAnswer() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_DEADLINE_MS);
      while (System.nanoTime() < deadline) {
        for (Proc p : processes()) {
          if (!p.process.isAlive()) {
            throw new IllegalStateException(p.name + " exited with " + p.process.exitValue() + ": " + p.tail());
          }
        }
        Answer answer = get(30_000);
        if (answer != null && answer.shows(variantB)) {
          lastCount = answer.count();
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("no answer within " + START_DEADLINE_MS / 1000 + " s: "
          + processes().stream().map(Proc::tail).collect(Collectors.joining(" | ")));
    }

    /** After an edit: the application answers with the code the driver believes it runs. */
    String verify() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      Answer last = null;
      while (System.nanoTime() < deadline) {
        last = get(30_000);
        if (last != null && last.shows(variantB)) {
          lastCount = last.count();
          return null;
        }
        Thread.sleep(200);
      }
      return "answers " + (last == null ? "nothing" : "'" + last.body.strip() + "'")
          + " instead of the expected variants";
    }

    Path module(String name) {
      return dir.resolve(name);
    }
  }

  /** mvn hotpatch:serve at the reactor root; what it did comes from its events file. */
  static final class HotpatchServe extends Tool {
    Path events;

    HotpatchServe(String id, String label, String app) {
      super(id, label, app);
    }

    @Override
    void start() throws IOException {
      events = dir.resolve("events.jsonl");
      if (!app.equals("spring")) {
        proc = Proc.start(id, dir, mvn("hotpatch:serve", "-Dhotpatch.args=" + port, "-Dhotpatch.events=" + events));
        return;
      }
      // The Spring Boot application as a user has it: nothing of hotpatch in its build.
      List<String> command = new ArrayList<>(mvn("dev.hotpatch:hotpatch-maven-plugin:" + HOTPATCH + ":serve",
          "-Dhotpatch.mainClass=peers.web.Application", "-Dhotpatch.args=--server.port=" + port,
          "-Dhotpatch.events=" + events));
      if (id.endsWith("-jvm")) {
        command.add("-Dhotpatch.warmRestart=false");
      }
      proc = Proc.start(id, dir, command);
    }

    @Override
    Object mark() {
      return eventLines().size();
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      List<String> lines = eventLines();
      List<String> fresh = lines.subList(Math.min((Integer) mark, lines.size()), lines.size());
      Set<String> strategies = new LinkedHashSet<>();
      for (String line : fresh) {
        if (line.contains("\"event\":\"restart\"")) {
          Matcher kind = Pattern.compile("\"kind\":\"(\\w+)\"").matcher(line);
          boolean warm = kind.find() && kind.group(1).equals("warm");
          return new Did(warm ? "restart (same JVM)" : "restart (new JVM)", field(line, "reason"));
        }
        if (line.contains("\"event\":\"patch-rejected\"")) {
          return new Did("rejected", field(line, "reason"));
        }
        Matcher strategy = Pattern.compile("\"name\":\"(\\w+)\",\"version\":\\d+,\"strategy\":\"([\\w-]+)\"").matcher(line);
        while (strategy.find()) {
          strategies.add(strategy.group(1) + " " + strategy.group(2));
        }
      }
      String modules = String.join(", ", strategies);
      if (modules.contains("new-loader")) {
        return new Did("new loader", modules);
      }
      return modules.isEmpty() ? Did.of("unknown (no patch event)") : new Did("in place", modules);
    }

    List<String> eventLines() {
      try {
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String field(String json, String name) {
      Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
      return m.find() ? m.group(1) : "?";
    }
  }

  /** mvn quarkus:dev at the reactor root, on Maven 3.9 (Quarkus refuses the machine's 3.8). */
  static final class QuarkusDev extends Tool {
    final boolean instrumentation;
    Path mvn39;

    QuarkusDev(String id, String label, boolean instrumentation) {
      super(id, label, "quarkus");
      this.instrumentation = instrumentation;
    }

    @Override
    void prepare() throws Exception {
      mvn39 = maven39();
    }

    @Override
    void start() throws IOException {
      List<String> command = new ArrayList<>(List.of(mvn39.toString(), "-B", "-Dmaven.repo.local=" + repo,
          "quarkus:dev", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Ddebug=false",
          "-Dquarkus.analytics.disabled=true"));
      if (instrumentation) {
        command.add("-Dquarkus.live-reload.instrumentation=true");
      }
      proc = Proc.start(id, dir, command);
    }

    @Override
    boolean reloadsOnRequest() {
      return true;
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      List<String> fresh = proc.linesSince((Integer) mark);
      for (String line : fresh) {
        if (line.contains("replacing classes via instrumentation")) {
          return new Did("in place (instrumentation)", line.replaceAll("^.*\\) ", ""));
        }
      }
      for (String line : fresh) {
        if (line.contains("restart not needed")) {
          return new Did("in place (no restart needed)", line.replaceAll("^.*\\) ", ""));
        }
        if (line.contains("Live reload total time")) {
          return new Did("reload (app restarted in its JVM)", line.replaceAll("^.*\\) ", ""));
        }
      }
      return Did.of(kept ? "in place" : "reload");
    }
  }

  /** Spring Boot DevTools under mvn spring-boot:run; the developer runs mvn compile after a save. */
  static final class SpringMvn extends Tool {
    SpringMvn() {
      super("spring-mvn", "Spring Boot DevTools, mvn compile", "spring");
    }

    @Override
    void start() throws IOException {
      proc = Proc.start(id, dir, mvn("-pl", "web", "-am", "compile", "spring-boot:run",
          "-Dspring-boot.run.arguments=--server.port=" + port));
    }

    @Override
    String afterWrite(int edit, List<Path> written) throws Exception {
      runMaven(id, dir, "-o", "-q", "compile");
      return "mvn compile";
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      return springRestarts(proc, (Integer) mark, kept);
    }
  }

  static Did springRestarts(Proc proc, int mark, boolean kept) {
    long restarts = proc.linesSince(mark).stream().filter(l -> l.contains("Started Application in")).count();
    if (restarts == 0) {
      return Did.of(kept ? "in place" : "unknown");
    }
    if (kept) { // the running context read the new resource from the class folder; DevTools restarted it afterwards
      return new Did("read at once, then reload (app restarted in its JVM)", "DevTools restarts: " + restarts);
    }
    return new Did("reload (app restarted in its JVM)", "DevTools restarts: " + restarts);
  }

  /** Spring Boot DevTools on a java launch as an IDE makes it; javac writes the class files. */
  static final class SpringJavac extends Tool {
    IdeBuild build;

    SpringJavac() {
      super("spring-javac", "Spring Boot DevTools, javac (as an IDE)", "spring");
    }

    @Override
    void prepare() throws Exception {
      runMaven(id, dir, "-q", "compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt");
      build = new IdeBuild(dir, readClasspath(dir.resolve("web/cp.txt")));
    }

    @Override
    void start() throws IOException {
      proc = Proc.start(id, dir.resolve("web"), List.of(java(), "-cp", build.runtimeClasspath(),
          "peers.web.Application", "--server.port=" + port));
    }

    @Override
    String afterWrite(int edit, List<Path> written) throws Exception {
      build.compile(written);
      return "javac";
    }

    @Override
    void afterRefusal(int edit, List<Path> written) throws Exception {
      build.compile(written);
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      return springRestarts(proc, (Integer) mark, kept);
    }
  }

  /** The plain application under a debugger: javac, then redefineClasses over JDWP, as an IDE does. */
  static final class JdwpHotSwap extends Tool {
    IdeBuild build;
    int debugPort;
    VirtualMachine vm;

    JdwpHotSwap() {
      super("jdwp", "JDWP HotSwap (javac + redefineClasses)", "plain");
    }

    @Override
    void prepare() throws Exception {
      runMaven(id, dir, "-q", "compile");
      build = new IdeBuild(dir, List.of());
      debugPort = freePort();
    }

    @Override
    void start() throws IOException {
      proc = Proc.start(id, dir, List.of(java(),
          "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort,
          "-cp", build.runtimeClasspath(), "peers.web.Main", String.valueOf(port)));
    }

    @Override
    void awaitFirstAnswer() throws Exception {
      super.awaitFirstAnswer();
      AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
          .filter(c -> c.transport().name().equals("dt_socket")).findFirst().orElseThrow();
      Map<String, Connector.Argument> arguments = socket.defaultArguments();
      arguments.get("hostname").setValue("127.0.0.1");
      arguments.get("port").setValue(String.valueOf(debugPort));
      vm = socket.attach(arguments);
      Thread drain = new Thread(() -> {
        try {
          while (true) {
            vm.eventQueue().remove().resume();
          }
        } catch (Exception e) {
          // the application ended or the debugger detached
        }
      });
      drain.setDaemon(true);
      drain.start();
    }

    @Override
    String afterWrite(int edit, List<Path> written) throws Exception {
      Map<String, Path> classes = build.compile(written);
      Map<ReferenceType, byte[]> redefine = new HashMap<>();
      for (Map.Entry<String, Path> entry : classes.entrySet()) {
        for (ReferenceType type : vm.classesByName(entry.getKey())) {
          redefine.put(type, Files.readAllBytes(entry.getValue()));
        }
      }
      if (redefine.isEmpty()) {
        return classes.isEmpty() ? "resource copied to the class folder" : "no loaded class to redefine";
      }
      try {
        vm.redefineClasses(redefine);
        return "redefined " + redefine.size() + " class" + (redefine.size() == 1 ? "" : "es");
      } catch (UnsupportedOperationException e) {
        return "refused: " + e.getMessage();
      }
    }

    @Override
    void afterRefusal(int edit, List<Path> written) throws Exception {
      build.compile(written); // the class folders hold the refused edit's classes: back to the sources
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      if (note != null && note.startsWith("redefined")) {
        return new Did("in place", note);
      }
      return new Did("nothing to do: the app reads the class folder", note);
    }

    @Override
    void stop() {
      if (vm != null) {
        try {
          vm.dispose();
        } catch (Exception ignored) {
          // already gone
        }
      }
      super.stop();
    }
  }

  /** The baseline without any tool: mvn compile, then a fresh java start. */
  static final class RebuildRestart extends Tool {
    int starts;

    RebuildRestart() {
      super("restart", "mvn compile + fresh java start", "plain");
    }

    @Override
    void prepare() throws Exception {
      runMaven(id, dir, "-q", "compile");
    }

    @Override
    void start() throws IOException {
      proc = Proc.start(id + "-" + ++starts, dir, List.of(java(), "-cp",
          dir.resolve("web/target/classes") + ":" + dir.resolve("lib/target/classes"),
          "peers.web.Main", String.valueOf(port)));
    }

    @Override
    String afterWrite(int edit, List<Path> written) throws Exception {
      runMaven(id, dir, "-o", "-q", "compile");
      proc.stop();
      start();
      return "mvn compile, java restarted";
    }

    @Override
    Did did(Object mark, String note, boolean kept) {
      return new Did("restart (new JVM)", note);
    }

    @Override
    Object mark() {
      return 0;
    }

    /** The developer looks once the new JVM runs: the old one reads new resources from the class folder. */
    @Override
    boolean pollsDuringAction() {
      return false;
    }
  }

  /** javac on the saved files and a copy of the saved resources, into the module's class folder. */
  static final class IdeBuild {
    final Path root;
    final List<Path> libraries;
    final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    final StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);

    IdeBuild(Path root, List<Path> libraries) {
      this.root = root;
      this.libraries = libraries;
    }

    String runtimeClasspath() {
      List<Path> path = new ArrayList<>(List.of(classes("web"), classes("lib")));
      path.addAll(libraries);
      return path.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    Path classes(String module) {
      return root.resolve(module).resolve("target/classes");
    }

    /** Compiles the written sources per module, library first; returns binary name to class file. */
    Map<String, Path> compile(List<Path> written) throws IOException {
      Map<String, Path> out = new LinkedHashMap<>();
      for (String module : List.of("lib", "web")) {
        Path sources = root.resolve(module).resolve("src/main/java");
        Path resources = root.resolve(module).resolve("src/main/resources");
        List<Path> java = written.stream().filter(p -> p.startsWith(sources)).toList();
        for (Path resource : written.stream().filter(p -> p.startsWith(resources)).toList()) {
          Path target = classes(module).resolve(resources.relativize(resource).toString());
          Files.createDirectories(target.getParent());
          Files.copy(resource, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!java.isEmpty()) {
          List<Path> classpath = new ArrayList<>(List.of(classes(module)));
          if (module.equals("web")) {
            classpath.add(classes("lib"));
          }
          classpath.addAll(libraries);
          out.putAll(javac(java, classes(module), classpath));
        }
      }
      return out;
    }

    Map<String, Path> javac(List<Path> sources, Path output, List<Path> classpath) throws IOException {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
      Map<String, Path> written = new LinkedHashMap<>();
      JavaFileManager recording = new ForwardingJavaFileManager<>(files) {
        @Override
        public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) throws IOException {
          JavaFileObject file = super.getJavaFileForOutput(location, className, kind, sibling);
          if (kind == JavaFileObject.Kind.CLASS) {
            written.put(className, Path.of(file.toUri()));
          }
          return file;
        }
      };
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      boolean ok = javac.getTask(null, recording, diagnostics, List.of("--release", "17", "-g", "-parameters"),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
      if (!ok) {
        throw new IllegalStateException("javac failed: " + diagnostics.getDiagnostics());
      }
      return written;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  record Answer(long nanos, String body) {
    static final Pattern COUNT = Pattern.compile("count=(\\d+)");
    static final Pattern VARIANT = Pattern.compile("e(\\d)=([AB])");

    /** GET / on the loopback port; null when nothing answered 200. */
    static Answer get(int port, int readTimeoutMillis) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        socket.setSoTimeout(readTimeoutMillis);
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
            + "\r\nAccept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = socket.getInputStream().readAllBytes();
        long nanos = System.nanoTime();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int body = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 200") || body < 0) {
          return null;
        }
        return new Answer(nanos, text.substring(body + 4));
      } catch (IOException e) {
        return null;
      }
    }

    long count() {
      Matcher m = COUNT.matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether the answer shows exactly these variants (index 1..4: B when true). */
    boolean shows(boolean[] variantB) {
      Matcher m = VARIANT.matcher(body);
      Map<Integer, Boolean> seen = new HashMap<>();
      while (m.find()) {
        seen.put(Integer.parseInt(m.group(1)), m.group(2).equals("B"));
      }
      if (count() < 0 || seen.size() != 4) {
        return false;
      }
      for (int e = 1; e <= 4; e++) {
        if (seen.get(e) == null || seen.get(e) != variantB[e]) {
          return false;
        }
      }
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Processes

  /** A process this driver started, its output in a log file and in memory. */
  static final class Proc {
    final String name;
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    Proc(String name, Process process) {
      this.name = name;
      this.process = process;
    }

    static Proc start(String name, Path dir, List<String> command) throws IOException {
      Path log = work.resolve("logs").resolve(name + ".log");
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      Proc proc = new Proc(name, process);
      started.add(proc);
      Thread pump = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Writer out = Files.newBufferedWriter(log)) {
          for (String line; (line = in.readLine()) != null; ) {
            proc.lines.add(line);
            out.write(line);
            out.write('\n');
            out.flush();
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "pump-" + name);
      pump.setDaemon(true);
      pump.start();
      return proc;
    }

    List<String> linesSince(int mark) {
      return lines.subList(Math.min(mark, lines.size()), lines.size());
    }

    String tail() {
      return String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** SIGTERM, then SIGKILL after 15 s; every process it started goes the same way. */
    void stop() {
      List<ProcessHandle> tree = process.descendants().toList();
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (ProcessHandle child : tree) {
        if (child.isAlive()) {
          child.destroy();
          try {
            child.onExit().get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            child.destroyForcibly();
          }
        }
      }
    }
  }

  static void stopAll() {
    for (Proc proc : started) {
      if (proc.process.isAlive() || proc.process.descendants().findAny().isPresent()) {
        proc.stop();
      }
    }
  }

  static List<String> mvn(String... args) {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-Dmaven.repo.local=" + repo));
    command.addAll(List.of(args));
    return command;
  }

  static void runMaven(String name, Path dir, String... args) throws Exception {
    String output = run(dir, 600_000, mvn(args).toArray(String[]::new));
    if (output.startsWith("exit ")) {
      throw new IllegalStateException(name + ": mvn " + String.join(" ", args) + " failed: " + output);
    }
  }

  /** Runs a command to its end (bounded); its output, or "exit N: output" when it failed. */
  static String run(Path dir, long timeoutMillis, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    Future<String> output = background.submit(() -> new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new TimeoutException(String.join(" ", command) + " did not end within " + timeoutMillis / 1000 + " s");
    }
    String text = output.get(10, TimeUnit.SECONDS);
    return process.exitValue() == 0 ? text : "exit " + process.exitValue() + ": " + tailOf(text);
  }

  /** Maven 3.9 in bench/peers/target, fetched from the Maven repository on first use. */
  static Path maven39() throws Exception {
    Path target = peers.resolve("target");
    Path mvn = target.resolve("apache-maven-" + MAVEN_39 + "/bin/mvn");
    if (Files.isExecutable(mvn)) {
      return mvn;
    }
    Files.createDirectories(target);
    runMaven("maven " + MAVEN_39, target, "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
        "-Dartifact=org.apache.maven:apache-maven:" + MAVEN_39 + ":tar.gz:bin", "-DoutputDirectory=" + target);
    String untar = run(target, 120_000, "tar", "xzf", "apache-maven-" + MAVEN_39 + "-bin.tar.gz");
    if (untar.startsWith("exit ") || !Files.isExecutable(mvn)) {
      throw new IllegalStateException("could not unpack Maven " + MAVEN_39 + ": " + untar);
    }
    return mvn;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static List<Path> readClasspath(Path file) throws IOException {
    String text = Files.readString(file).strip();
    return text.isEmpty() ? List.of() : Arrays.stream(text.split(":")).map(Path::of).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Memory: RSS of the tool's processes and all their descendants, from /proc

  static Map<String, Object> rss(Tool tool, String when) {
    List<Object> processes = new ArrayList<>();
    long total = 0;
    for (Proc proc : tool.processes()) {
      List<ProcessHandle> handles = new ArrayList<>();
      handles.add(proc.process.toHandle());
      handles.addAll(proc.process.descendants().toList());
      for (ProcessHandle handle : handles) {
        long kb = rssKb(handle.pid());
        if (kb > 0) {
          total += kb;
          String command = handle.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
          String main = handle.info().arguments().map(a -> a.length == 0 ? "" : a[a.length - 1]).orElse("");
          processes.add(Json.obj("pid", handle.pid(), "command", command, "lastArgument", main, "kb", kb));
        }
      }
    }
    return Json.obj("type", "rss", "tool", tool.id, "label", tool.label, "when", when, "kb", total, "processes", processes);
  }

  static long rssKb(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  static final class Recorder {
    final Writer out;

    Recorder(Writer out) {
      this.out = out;
    }

    void write(Map<String, Object> record) throws IOException {
      out.write(Json.write(record));
      out.write('\n');
      out.flush();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> walk = Files.walk(to)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path relative = from.relativize(source);
        if (relative.toString().equals("target") || relative.toString().contains("target/")
            || relative.getFileName().toString().equals("cp.txt")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return run(Path.of("."), 30_000, command.toArray(String[]::new)).strip();
  }

  static String firstLine(String text) {
    return text.lines().findFirst().orElse("").replaceAll("\u001B\\[[;\\d]*m", "");
  }

  static String tailOf(String text) {
    List<String> lines = text.lines().toList();
    return String.join(" / ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  static void log(String message) {
    System.out.println("[peers] " + message);
  }

  static void fail(String message) {
    System.err.println("[peers] " + message);
    System.exit(2);
  }

  static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable);
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // JSON: just enough to write the records and read them back

  static final class Json {
    static Map<String, Object> obj(Object... keysAndValues) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < keysAndValues.length; i += 2) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
      return map;
    }

    static String write(Object value) {
      if (value == null) {
        return "null";
      }
      if (value instanceof Map<?, ?> map) {
        return map.entrySet().stream().map(e -> write(e.getKey()) + ":" + write(e.getValue()))
            .collect(Collectors.joining(",", "{", "}"));
      }
      if (value instanceof List<?> list) {
        return list.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
      }
      if (value instanceof Number || value instanceof Boolean) {
        return value.toString();
      }
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toString().toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }

    static Object read(String text) {
      return new Reader(text).value();
    }

    static final class Reader {
      final String s;
      int i;

      Reader(String s) {
        this.s = s;
      }

      Object value() {
        skip();
        char c = s.charAt(i);
        if (c == '{') {
          Map<String, Object> map = new LinkedHashMap<>();
          i++;
          skip();
          if (s.charAt(i) == '}') {
            i++;
            return map;
          }
          while (true) {
            skip();
            String key = string();
            skip();
            i++; // ':'
            map.put(key, value());
            skip();
            if (s.charAt(i++) == '}') {
              return map;
            }
          }
        }
        if (c == '[') {
          List<Object> list = new ArrayList<>();
          i++;
          skip();
          if (s.charAt(i) == ']') {
            i++;
            return list;
          }
          while (true) {
            list.add(value());
            skip();
            if (s.charAt(i++) == ']') {
              return list;
            }
          }
        }
        if (c == '"') {
          return string();
        }
        int start = i;
        while (i < s.length() && ",}] \n".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        String word = s.substring(start, i);
        return switch (word) {
          case "null" -> null;
          case "true" -> true;
          case "false" -> false;
          default -> word.contains(".") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
        };
      }

      String string() {
        StringBuilder out = new StringBuilder();
        i++; // opening quote
        while (s.charAt(i) != '"') {
          char c = s.charAt(i++);
          if (c == '\\') {
            char e = s.charAt(i++);
            switch (e) {
              case 'n' -> out.append('\n');
              case 'r' -> out.append('\r');
              case 't' -> out.append('\t');
              case 'u' -> {
                out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                i += 4;
              }
              default -> out.append(e);
            }
          } else {
            out.append(c);
          }
        }
        i++;
        return out.toString();
      }

      void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The tables of a results file

  static final class Table {
    @SuppressWarnings("unchecked")
    static String render(Path file) throws IOException {
      List<Map<String, Object>> records = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          records.add((Map<String, Object>) Json.read(line));
        }
      }
      Map<String, Object> meta = records.stream().filter(r -> "meta".equals(r.get("type"))).findFirst().orElse(Map.of());
      Map<String, String> labels = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> cells = new TreeMap<>();
      Map<String, String> unavailable = new LinkedHashMap<>();
      Map<String, Long> rssStart = new HashMap<>();
      Map<String, Long> rssEnd = new HashMap<>();
      for (Map<String, Object> r : records) {
        String tool = (String) r.get("tool");
        switch (String.valueOf(r.get("type"))) {
          case "start" -> labels.put(tool, (String) r.get("label"));
          case "unavailable" -> {
            labels.putIfAbsent(tool, (String) r.get("label"));
            unavailable.put(tool, (String) r.get("reason"));
          }
          case "rss" -> ("end".equals(r.get("when")) ? rssEnd : rssStart).put(tool, (Long) r.get("kb"));
          case "edit" -> cells.computeIfAbsent(tool + "|" + r.get("mode") + "|" + r.get("edit"), k -> new ArrayList<>()).add(r);
          default -> {}
        }
      }
      Map<Integer, Long> reference = new HashMap<>();
      for (int edit = 1; edit <= 4; edit++) {
        Long median = median(cells.getOrDefault("hotpatch|poll|" + edit, List.of()));
        if (median != null) {
          reference.put(edit, median);
        }
      }
      StringBuilder out = new StringBuilder();
      out.append("Measured ").append(String.valueOf(meta.get("date")), 0, Math.min(10, String.valueOf(meta.get("date")).length()))
          .append(" at commit ").append(meta.get("commit")).append(Boolean.TRUE.equals(meta.get("dirty")) ? " (with uncommitted changes)" : "")
          .append(", ").append(meta.get("java")).append(", ").append(meta.get("cores")).append(" cores, ")
          .append(meta.get("rounds")).append(" rounds; Quarkus ").append(meta.get("quarkus"))
          .append(" (on Maven ").append(meta.get("maven39")).append("), Spring Boot ").append(meta.get("springBoot"))
          .append(", ").append(meta.get("maven")).append(" elsewhere.\n\n");
      out.append("| tool | 1. ").append(EDIT_NAMES[1]).append(" | 2. method added to the library | 3. field added to the state class | 4. resource | RSS after start / at the end |\n");
      out.append("| --- | --- | --- | --- | --- | --- |\n");
      List<String> firsts = new ArrayList<>();
      for (Map.Entry<String, String> tool : labels.entrySet()) {
        for (String mode : List.of("poll", "after-2s")) {
          boolean any = cells.keySet().stream().anyMatch(k -> k.startsWith(tool.getKey() + "|" + mode + "|"));
          if (!any && !(mode.equals("poll") && unavailable.containsKey(tool.getKey()))) {
            continue;
          }
          StringBuilder row = new StringBuilder("| ").append(tool.getValue())
              .append(mode.equals("after-2s") ? ", one request 2 s after the write" : "").append(" |");
          for (int edit = 1; edit <= 4; edit++) {
            List<Map<String, Object>> all = cells.getOrDefault(tool.getKey() + "|" + mode + "|" + edit, List.of());
            row.append(' ').append(cell(all, mode.equals("poll") ? reference.get(edit) : null, unavailable.get(tool.getKey()))).append(" |");
            all.stream().filter(r -> Boolean.TRUE.equals(r.get("first"))).findFirst().ifPresent(r ->
                firsts.add("| " + tool.getValue() + " | " + r.get("editName") + " | "
                    + (Boolean.TRUE.equals(r.get("ok")) ? r.get("millis") + " ms, " + r.get("did") : "failed: " + r.get("failure")) + " |"));
          }
          row.append(mode.equals("poll") ? " " + mb(rssStart.get(tool.getKey())) + " / " + mb(rssEnd.get(tool.getKey())) + " |" : " |");
          out.append(row).append('\n');
        }
      }
      out.append("\nFirst edit after start (not in the medians):\n\n| tool | edit | time, what the tool did |\n| --- | --- | --- |\n");
      firsts.forEach(f -> out.append(f).append('\n'));
      if (!unavailable.isEmpty()) {
        out.append("\nNot measured:\n\n");
        unavailable.forEach((tool, reason) -> out.append("- ").append(labels.get(tool)).append(": ").append(reason).append('\n'));
      }
      return out.toString();
    }

    /** One cell: median time (ratio to hotpatch), whether the counter survived, what the tool did. */
    static String cell(List<Map<String, Object>> all, Long reference, String unavailable) {
      List<Map<String, Object>> counted = all.stream().filter(r -> !Boolean.TRUE.equals(r.get("first"))).toList();
      if (counted.isEmpty()) {
        return unavailable != null ? "not run (see below)" : "—";
      }
      List<Map<String, Object>> ok = counted.stream().filter(r -> Boolean.TRUE.equals(r.get("ok"))).toList();
      if (ok.isEmpty()) {
        return "**refused** " + counted.size() + "/" + counted.size() + ": " + mostCommon(counted, "failure");
      }
      Long median = median(counted);
      StringBuilder cell = new StringBuilder("**").append(median).append(" ms**");
      if (reference != null && reference > 0) {
        cell.append(String.format(" (%.1fx)", (double) median / reference));
      }
      long kept = ok.stream().filter(r -> Boolean.TRUE.equals(r.get("kept"))).count();
      cell.append(", counter ").append(kept == ok.size() ? "kept" : kept == 0 ? "lost" : "kept " + kept + "/" + ok.size());
      long lostLater = ok.stream().filter(r -> Boolean.TRUE.equals(r.get("kept")) && Boolean.FALSE.equals(r.get("keptAfterSettle"))).count();
      if (lostLater > 0) {
        cell.append(lostLater == kept ? " then lost" : " then lost " + lostLater + "/" + kept);
      }
      cell.append(", ").append(mostCommon(ok, "did"));
      if (ok.size() < counted.size()) {
        cell.append("; failed ").append(counted.size() - ok.size()).append('/').append(counted.size())
            .append(": ").append(mostCommon(counted.stream().filter(r -> !Boolean.TRUE.equals(r.get("ok"))).toList(), "failure"));
      }
      Long requestMedian = medianOf(ok.stream().map(r -> (Long) r.get("requestMillis")).filter(v -> v != null).toList());
      if (requestMedian != null) {
        cell.append("; the request itself waited ").append(requestMedian).append(" ms");
      }
      cell.append(" (n=").append(ok.size()).append(')');
      return cell.toString();
    }

    static Long median(List<Map<String, Object>> records) {
      return medianOf(records.stream().filter(r -> !Boolean.TRUE.equals(r.get("first")) && Boolean.TRUE.equals(r.get("ok")))
          .map(r -> (Long) r.get("millis")).toList());
    }

    static Long medianOf(List<Long> values) {
      if (values.isEmpty()) {
        return null;
      }
      List<Long> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String mostCommon(List<Map<String, Object>> records, String key) {
      Map<String, Long> counts = records.stream().map(r -> String.valueOf(r.get(key)))
          .collect(Collectors.groupingBy(v -> v, LinkedHashMap::new, Collectors.counting()));
      Optional<Map.Entry<String, Long>> top = counts.entrySet().stream().max(Map.Entry.comparingByValue());
      String value = top.map(Map.Entry::getKey).orElse("?");
      return counts.size() > 1 ? value + " (" + top.get().getValue() + "/" + records.size() + ")" : value;
    }

    static String mb(Long kb) {
      return kb == null ? "—" : (kb / 1024) + " MB";
    }
  }
}
