package dev.hotpatch.runtime;

import static dev.hotpatch.runtime.Reflect.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.Hot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects that facade methods return as {@code @HotFacade} types stay patchable. */
class InstanceFacadeTest {
  private static final String SHOP =
      """
      package demo.lib;
      @dev.hotpatch.HotFacade
      public interface Shop {
        Cart newCart(String owner);
        Cart cartOf(String owner);
        Cart none();
        Shop self();
      }
      """;
  private static final String CART =
      """
      package demo.lib;
      @dev.hotpatch.HotFacade
      public interface Cart { String add(String item); }
      """;
  private static final String SHOP_IMPL =
      """
      package demo.lib;
      public final class ShopImpl implements Shop {
        private final java.util.Map<String, Cart> carts = new java.util.HashMap<>();
        public Cart newCart(String owner) { return new CartImpl(owner); }
        public Cart cartOf(String owner) { return carts.computeIfAbsent(owner, CartImpl::new); }
        public Cart none() { return null; }
        public Shop self() { return dev.hotpatch.Hot.facade(Shop.class); }
      }
      """;
  private static final String CART_IMPL =
      """
      package demo.lib;
      final class CartImpl implements Cart {
        private final String owner;
        private final java.util.List<String> items = new java.util.ArrayList<>();
        FIELDS
        CartImpl(String owner) { this.owner = owner; }
        public String add(String item) { items.add(item); return "TAG " + owner + ":" + items; }
        @Override public boolean equals(Object other) {
          return other instanceof CartImpl cart && cart.owner.equals(owner);
        }
        @Override public int hashCode() { return owner.hashCode(); }
        @Override public String toString() { return "TAG cart of " + owner; }
      }
      """;

  @TempDir Path folder;
  private TestApplication application;
  private Class<?> shop;
  private Class<?> cart;

  @BeforeEach
  void start() {
    application = new TestApplication(folder);
    application.start(lib(0, ""));
    shop = application.load("lib", "demo.lib.Shop");
    cart = application.load("lib", "demo.lib.Cart");
  }

  @AfterEach
  void stop() {
    application.close();
  }

  private ModuleVersion lib(int version, String fields) {
    return application
        .workspace()
        .module(
            "lib",
            version,
            List.of(),
            Map.of(
                "demo.lib.Shop", SHOP,
                "demo.lib.Cart", CART,
                "demo.lib.ShopImpl", SHOP_IMPL,
                "demo.lib.CartImpl",
                    CART_IMPL.replace("FIELDS", fields).replace("TAG", "v" + version)),
            Map.of("META-INF/services/demo.lib.Shop", "demo.lib.ShopImpl\n"));
  }

  @Test
  void aReturnedFacadeTypeComesBackAsAFacadeOfTheReturnedObject() {
    Object returned = call(shop, Hot.facade(shop), "newCart", "ada");

    assertThat(returned.getClass().getName()).isEqualTo("demo.lib.Cart$HotInstance");
    assertThat(cart.isInstance(returned)).isTrue();
    assertThat(call(cart, returned, "add", "tea")).isEqualTo("v0 ada:[tea]");
  }

  @Test
  void callersHoldingAReturnedFacadeSeeTheNewCodeWithTheObjectsStateAfterAStructuralPatch() {
    Object held = call(shop, Hot.facade(shop), "newCart", "ada");
    call(cart, held, "add", "tea");

    application.patchOrFail(lib(1, "private int added;"));

    assertThat(call(cart, held, "add", "jam")).isEqualTo("v1 ada:[tea, jam]");
    assertThat(Hot.versionOf(held)).isEqualTo(1);

    application.patchOrFail(lib(2, "private int added; private long more;"));

    assertThat(call(cart, held, "add", "rye")).isEqualTo("v2 ada:[tea, jam, rye]");
    assertThat(Hot.versionOf(held)).isEqualTo(2);
  }

  @Test
  void theSameReturnedObjectComesBackAsTheSameFacadeAcrossPatches() {
    Object facade = Hot.facade(shop);
    Object held = call(shop, facade, "cartOf", "ada");

    assertThat(call(shop, facade, "cartOf", "ada")).isSameAs(held);

    application.patchOrFail(lib(1, "private int added;"));

    assertThat(call(shop, facade, "cartOf", "ada")).isSameAs(held);
    assertThat(call(cart, held, "add", "tea")).isEqualTo("v1 ada:[tea]");
  }

  @Test
  void facadesOfEqualObjectsAreEqualAndFindEachOtherInMaps() {
    Object facade = Hot.facade(shop);
    Object first = call(shop, facade, "newCart", "ada");
    Object second = call(shop, facade, "newCart", "ada");
    Object other = call(shop, facade, "newCart", "bob");
    Map<Object, String> owners = new HashMap<>(Map.of(first, "ada", other, "bob"));

    assertThat(second).isNotSameAs(first).isEqualTo(first).hasSameHashCodeAs(first);
    assertThat(first).isNotEqualTo(other).isNotEqualTo(null);
    assertThat(owners).containsEntry(second, "ada").hasSize(2);
    assertThat(first).hasToString("v0 cart of ada");

    application.patchOrFail(lib(1, "private int added;"));

    assertThat(owners).containsEntry(second, "ada").containsEntry(other, "bob");
    assertThat(first).hasToString("v1 cart of ada");
  }

  @Test
  void nullAndFacadesComeBackAsTheyAre() {
    Object facade = Hot.facade(shop);

    assertThat(call(shop, facade, "none")).isNull();
    assertThat(call(shop, facade, "self")).isSameAs(facade);
  }
}
