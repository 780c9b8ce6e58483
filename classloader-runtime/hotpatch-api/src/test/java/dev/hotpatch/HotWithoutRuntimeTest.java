package dev.hotpatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.internal.HotCallSites;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HotWithoutRuntimeTest {

  @HotFacade
  public interface Greeter {
    String greet(String name);
  }

  public static final class EnglishGreeter implements Greeter {
    @Override
    public String greet(String name) {
      return "Hello, " + name;
    }
  }

  @HotFacade
  public interface Unimplemented {}

  @Test
  void voidCallRunsTheBodyDirectly() {
    List<String> seen = new ArrayList<>();
    Hot.call(() -> seen.add("ran"));
    Hot.call(
        () -> {
          seen.add("block");
        });
    assertThat(seen).containsExactly("ran", "block");
  }

  @Test
  void valueCallReturnsTheBodysResult() {
    int base = 40;
    int answer = Hot.call(() -> base + 2);
    assertThat(answer).isEqualTo(42);
  }

  @Test
  void facadeIsTheServiceLoaderImplementationAndTheSameEveryTime() {
    Greeter greeter = Hot.facade(Greeter.class);
    assertThat(greeter).isInstanceOf(EnglishGreeter.class);
    assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
    assertThat(Hot.facade(Greeter.class)).isSameAs(greeter);
  }

  @Test
  void facadeWithoutImplementationNamesTheServicesFile() {
    assertThatThrownBy(() -> Hot.facade(Unimplemented.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("META-INF/services/dev.hotpatch.HotWithoutRuntimeTest$Unimplemented");
  }

  @Test
  void facadeOfAClassIsRefused() {
    assertThatThrownBy(() -> Hot.facade(EnglishGreeter.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an interface");
  }

  @Test
  void versionIsZeroAndRuntimeInactive() {
    assertThat(Hot.version()).isZero();
    assertThat(Hot.versionOf((HotRunnable) () -> {})).isZero();
    assertThat(Hot.versionOf(Hot.class)).isZero();
    assertThat(Hot.isActive()).isFalse();
  }

  @Test
  void reloadListenersAreNeverCalled() {
    List<String> heard = new ArrayList<>();
    ReloadListener listener =
        new ReloadListener() {
          @Override
          public void beforeReload(ReloadEvent event) {
            heard.add("before");
          }
        };
    Hot.addReloadListener(listener);
    Hot.removeReloadListener(listener);
    assertThat(heard).isEmpty();
  }

  @Test
  void callSiteBootstrapLinksADirectCallWithoutTheRuntime() throws Throwable {
    MethodType type = MethodType.methodType(Object.class, HotSupplier.class);
    CallSite site = HotCallSites.bootstrap(MethodHandles.lookup(), "call", type);
    HotSupplier<String> body = () -> "direct";
    assertThat((Object) site.dynamicInvoker().invoke(body)).isEqualTo("direct");
  }

  @Test
  void reloadEventSortsItsNamesAndAnswersByClass() {
    ReloadEvent event = new ReloadEvent(3, Set.of("app"), Set.of("demo.B", "dev.hotpatch.Hot"));
    assertThat(event.reloadedClasses()).containsExactly("demo.B", "dev.hotpatch.Hot");
    assertThat(event.reloads(Hot.class)).isTrue();
    assertThat(event.reloads(String.class)).isFalse();
  }
}
