package demo.app;

import demo.engine.Meadow;
import dev.hotpatch.Hot;

/**
 * The demo's main loop: one day passes on the meadow per tick. Every tick goes through {@link
 * Hot#call}, so it runs the newest code of all three modules, while the meadow, held in a static
 * field, keeps its state across patches.
 *
 * <p>Arguments: the length of a day in milliseconds (default 1000), and how many days to run
 * (default: until stopped).
 */
public final class Main {
  private static final Meadow MEADOW = new Meadow();

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    long dayMillis = args.length > 0 ? Long.parseLong(args[0]) : 1000;
    long days = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
    System.out.println("A meadow of rabbits. Edit demo/core, demo/engine or demo/app while it runs.");
    for (long day = 0; day < days; day++) {
      Hot.call(Main::tick);
      Thread.sleep(dayMillis);
    }
  }

  private static void tick() {
    MEADOW.step();
    System.out.println(MEADOW.describe());
  }
}
