package it.fw.lib;

/** A bean: the application only ever calls it through a generated subclass proxy. */
public class PriceService {
  private String currency = "USD";

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String quote(String item) {
    return item + " costs " + 3 + " " + currency;
  }
}
