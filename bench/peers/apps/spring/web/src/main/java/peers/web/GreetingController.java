package peers.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import peers.lib.Greeter;
import peers.lib.Visits;

/** Answers GET / with the counter, the library's words and a resource. */
@RestController
public class GreetingController {
  private final Greeter greeter = new Greeter();
  private final Visits visits = new Visits();

  @GetMapping(value = "/", produces = "text/plain")
  public String answer() throws IOException {
    return visits.next() + " " + greeter.word() + " " + "e2=A" /* EDIT2-CALL */ + " " + message() + "\n";
  }

  /** The resource of edit 4, read on every request. */
  private static String message() throws IOException {
    try (InputStream in = GreetingController.class.getResourceAsStream("/peers/message.txt")) {
      return in == null ? "e4=missing" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
