package it.shop;

import dev.hotpatch.HotFacade;

@HotFacade
public interface Cart {
  void add(Item item);
}
