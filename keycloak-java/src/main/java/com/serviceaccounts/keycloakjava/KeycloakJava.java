package com.serviceaccounts.keycloakjava;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDK Keycloak runs on, for the benchmarks' peer and the Keycloak sign-in test: Keycloak needs
 * 21 or newer, and the project runs on Java 17. A JDK is known by the {@code JAVA_VERSION} of its
 * {@code release} file.
 */
public final class KeycloakJava {

  public static final int MINIMUM = 21;

  /** Where the JDKs of a Debian or Ubuntu machine are. */
  public static final Path JVMS = Path.of("/usr/lib/jvm");

  private KeycloakJava() {}

  /** {@link #find(Path, Path)} under {@link #JVMS}. */
  public static Optional<Path> find(Path configured) {
    return find(configured, JVMS);
  }

  /**
   * {@code configured} if given and a JDK 21+, else the newest JDK 21+ in {@code jvms}; empty when
   * there is none.
   */
  public static Optional<Path> find(Path configured, Path jvms) {
    if (configured != null) {
      return Optional.of(configured).filter(home -> major(home) >= MINIMUM);
    }
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> major(home) >= MINIMUM)
          .max(Comparator.comparingInt(KeycloakJava::major));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDK's major version, 0 when {@code home} holds no JDK. */
  static int major(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return 0;
    }
    try (Reader reader = Files.newBufferedReader(release)) {
      Properties properties = new Properties();
      properties.load(reader);
      String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
      String major = version.split("[.+-]")[0];
      return major.isEmpty() ? 0 : Integer.parseInt(major);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
