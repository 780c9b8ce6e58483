package it.shop;

/** Not marked @HotValue: it reloads with its module, so it may not cross a facade. */
public class Item {
  public String name;
}
