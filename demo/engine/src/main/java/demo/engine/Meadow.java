package demo.engine;

import demo.core.Bars;

/** A meadow of rabbits. Its state lives in the running application and survives patches. */
public final class Meadow {
  private int rabbits = 20;
  private int day;

  /** One day passes. Edit the growth rule and the population changes course. */
  public void step() {
    day++;
    int births = rabbits / 5;
    int deaths = rabbits / 8;
    rabbits = Math.min(400, rabbits + births - deaths + 1);
  }

  public String describe() {
    return "day " + day + "  rabbits " + rabbits + "  " + Bars.bar(rabbits);
  }
}
