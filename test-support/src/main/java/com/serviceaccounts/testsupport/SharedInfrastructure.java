package com.serviceaccounts.testsupport;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one {@link TestInfrastructure} of this JVM, chooses how it runs, and stops it in the
 * right order: the Spring test contexts that use it first, then its servers.
 */
final class SharedInfrastructure {

  static final String CHOICE = "TEST_INFRASTRUCTURE";

  private static final Logger LOG = LoggerFactory.getLogger(SharedInfrastructure.class);

  private static ManagedInfrastructure instance;

  private static boolean shutdownHookRegistered;

  private SharedInfrastructure() {}

  static synchronized TestInfrastructure get() {
    if (instance == null) {
      long startedAt = System.nanoTime();
      instance = create();
      LOG.info("{} ready in {} ms", instance, (System.nanoTime() - startedAt) / 1_000_000);
      registerShutdownHookOnce();
    }
    return instance;
  }

  /**
   * Closes the Spring test contexts, then the servers. Called when the JUnit session ends, and by a
   * JVM shutdown hook for runs outside the JUnit Platform; the second call finds nothing.
   */
  static void shutdown() {
    ManagedInfrastructure closing;
    synchronized (SharedInfrastructure.class) {
      closing = instance;
      instance = null;
    }
    if (closing == null) {
      return;
    }
    SpringTestContexts.closeAll();
    closing.close();
    LOG.info("{} stopped", closing);
  }

  private static ManagedInfrastructure create() {
    String choice = System.getProperty(CHOICE, System.getenv(CHOICE));
    String kind =
        choice == null || choice.isBlank() ? detect() : choice.trim().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "embedded" -> EmbeddedInfrastructure.start();
      case "containers" -> ContainerInfrastructure.start();
      default ->
          throw new IllegalArgumentException(
              CHOICE + " is 'embedded' or 'containers', got: '" + choice + "'");
    };
  }

  private static String detect() {
    return DockerDetection.dockerAvailable() ? "containers" : "embedded";
  }

  private static void registerShutdownHookOnce() {
    if (!shutdownHookRegistered) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(SharedInfrastructure::shutdown, "test-infrastructure-shutdown"));
      shutdownHookRegistered = true;
    }
  }
}
