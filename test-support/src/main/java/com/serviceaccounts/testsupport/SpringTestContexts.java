package com.serviceaccounts.testsupport;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring test contexts of this JVM, so that they can be closed before the servers they talk to.
 * Spring caches them and would close them only in its own JVM shutdown hook, after the servers are
 * gone: Kafka consumers would then retry a missing broker and the connection pool would log failed
 * connections while the context closes.
 *
 * <p>Held weakly: a context that Spring evicts from its cache closes and may be collected.
 */
final class SpringTestContexts {

  private static final List<WeakReference<ConfigurableApplicationContext>> CONTEXTS =
      new ArrayList<>();

  private SpringTestContexts() {}

  static synchronized void track(ConfigurableApplicationContext context) {
    CONTEXTS.removeIf(reference -> reference.get() == null);
    if (CONTEXTS.stream().noneMatch(reference -> reference.get() == context)) {
      CONTEXTS.add(new WeakReference<>(context));
    }
  }

  /** Closes every tracked context that is still open, the newest first. */
  static void closeAll() {
    List<ConfigurableApplicationContext> open = new ArrayList<>();
    synchronized (SpringTestContexts.class) {
      for (int i = CONTEXTS.size() - 1; i >= 0; i--) {
        ConfigurableApplicationContext context = CONTEXTS.get(i).get();
        if (context != null) {
          open.add(context);
        }
      }
      CONTEXTS.clear();
    }
    for (ConfigurableApplicationContext context : open) {
      if (context.isActive()) {
        context.close();
      }
    }
  }
}
