package com.serviceaccounts.bench;

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
 * The JDK the peer runs on: Keycloak needs 21 or newer, and the bench itself runs on the project's
 * Java 17. A JDK is known by the {@code JAVA_VERSION} of its {@code release} file.
 */
final class PeerJava {

  static final int MINIMUM = 21;

  private PeerJava() {}

  /**
   * {@code configured} if given and a JDK 21+, else the newest JDK 21+ in {@code jvms}; empty when
   * there is none.
   */
  static Optional<Path> find(Path configured, Path jvms) {
    if (configured != null) {
      return Optional.of(configured).filter(home -> major(home) >= MINIMUM);
    }
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> major(home) >= MINIMUM)
          .max(Comparator.comparingInt(PeerJava::major));
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
