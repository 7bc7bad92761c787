package com.serviceaccounts.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing for a service jar: the classes a service loads are parsed and verified once,
 * written to an archive in the data directory, and mapped from it by every later start instead of
 * being loaded again from the jar. That takes a third or more off a service's start-up CPU, and the
 * archive's pages are file pages the kernel can share and drop, not the JVM's own memory.
 *
 * <p>Java 17 archives only classes from plain jars on the class path, not from a Spring Boot jar's
 * nested jars, so the jar is extracted once with Spring Boot's own {@code -Djarmode=tools extract}
 * into a folder named after the jar's size and time, which a rebuilt jar changes. The first start
 * from a new folder records the archive when the service exits ({@code -XX:ArchiveClassesAtExit});
 * the starts after it use it ({@code -XX:SharedArchiveFile}). The recording is written beside the
 * archive and becomes the archive only when the service stopped by itself, so a service killed
 * while writing leaves no half archive; an archive the JVM still cannot use (another JDK) is
 * ignored by the JVM with a warning, and deleting {@code <data-dir>/cds} records it again.
 */
final class ClassDataSharing {

  static final String DIRECTORY = "cds";

  private static final String ARCHIVE = "app.jsa";

  private static final String RECORDING = "app.jsa.recording";

  private static final long EXTRACT_TIMEOUT_SECONDS = 120;

  private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);

  /**
   * How to start a service from its jar.
   *
   * @param jar the jar to run: the extracted one, or the given one if extraction failed
   * @param jvmOptions the options that record or use the archive
   * @param folder where the archive and its recording are, or {@code null} without sharing
   */
  record Launch(Path jar, List<String> jvmOptions, Path folder) {

    /**
     * After the service's exit: keeps what it recorded as the archive if it stopped by itself, else
     * drops it, since a JVM killed while writing leaves a file no JVM can use.
     */
    void serviceStopped(boolean byItself) {
      if (folder == null) {
        return;
      }
      try {
        Path recording = folder.resolve(RECORDING);
        if (byItself && Files.isRegularFile(recording)) {
          Files.move(recording, folder.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(recording);
        }
      } catch (IOException e) {
        LOG.warn("Could not keep the class data sharing archive in {}: {}", folder, e.getMessage());
      }
    }
  }

  private ClassDataSharing() {}

  /**
   * Whether a JVM's exit code says it ran its exit path, where the archive is written: a normal
   * exit or SIGTERM (143), not SIGKILL (137) or a crash.
   */
  static boolean exitedNormally(OptionalInt exitCode) {
    return exitCode.isPresent() && (exitCode.getAsInt() == 0 || exitCode.getAsInt() == 143);
  }

  /**
   * Extracts {@code jar} under {@code cacheDirectory} unless that was done for this build of it,
   * and says how to start it; starts it from the jar as it is, without sharing, if extraction
   * fails.
   */
  static Launch prepare(Path jar, Path cacheDirectory, String label) {
    try {
      Path folder = cacheDirectory.resolve(folderName(label, jar));
      Path extracted = folder.resolve("app");
      Path extractedJar = extracted.resolve(jar.getFileName());
      if (!Files.isRegularFile(extractedJar)) {
        removeOtherBuilds(cacheDirectory, label);
        extract(jar, extracted);
      }
      return new Launch(extractedJar, options(folder), folder);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Starting {} without class data sharing: {}", label, e.getMessage());
      return new Launch(jar, List.of(), null);
    }
  }

  /** Use the archive if a start recorded it, else record it at this start's exit. */
  static List<String> options(Path folder) {
    Path archive = folder.resolve(ARCHIVE);
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    // Recording warns once for each class it leaves out (generated accessors, classes of old
    // bytecode versions), a hundred lines and more in the console at the first stop; errors stay.
    return List.of("-XX:ArchiveClassesAtExit=" + folder.resolve(RECORDING), "-Xlog:cds=error");
  }

  /** {@code <label>-<size>-<modified>}: a rebuilt jar gets a new folder and a new archive. */
  static String folderName(String label, Path jar) throws IOException {
    return label + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
  }

  private static void removeOtherBuilds(Path cacheDirectory, String label) throws IOException {
    if (!Files.isDirectory(cacheDirectory)) {
      return;
    }
    try (Stream<Path> folders = Files.list(cacheDirectory)) {
      for (Path folder : folders.toList()) {
        if (folder.getFileName().toString().startsWith(label + "-")) {
          deleteRecursively(folder);
        }
      }
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void extract(Path jar, Path destination) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process extraction =
        new ProcessBuilder(
                java.toString(),
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                destination.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!extraction.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        extraction.destroyForcibly();
        throw new IllegalStateException("extracting " + jar + " took too long");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      extraction.destroyForcibly();
      throw new IllegalStateException("interrupted while extracting " + jar, e);
    }
    if (extraction.exitValue() != 0) {
      throw new UncheckedIOException(
          new IOException("extracting " + jar + " failed with code " + extraction.exitValue()));
    }
  }
}
