package com.serviceaccounts.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
 *
 * <p>On Java 25 and later the archive is the JVM's ahead-of-time cache instead ({@link
 * Kind#AHEAD_OF_TIME_CACHE}).
 */
final class ClassDataSharing {

  static final String DIRECTORY = "cds";

  private static final long EXTRACT_TIMEOUT_SECONDS = 120;

  private static final Duration RECORDING_STOP_TIMEOUT = Duration.ofMinutes(3);

  private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);

  /**
   * The archive a JVM records and maps, by the JVM's version ({@link ServiceJvms.Generation}); each
   * kind has files of its own.
   */
  enum Kind {
    /**
     * Java 17's: the classes as they were loaded. A Java 17 JVM that loaded classes from a signed
     * jar crashes writing it (JDK-8276184, fixed in Java 18), so a service with a signed jar (as
     * token-service's signature provider is) starts without sharing.
     */
    DYNAMIC_ARCHIVE_17(false),
    /** Java 18 to 24's: the classes as they were loaded. */
    DYNAMIC_ARCHIVE(true),
    /**
     * Java 25's ahead-of-time cache: the classes loaded and linked, and the recording run's method
     * profiles, so a start links less and compiles the hot methods sooner.
     */
    AHEAD_OF_TIME_CACHE(
        "app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=", "-Xlog:aot=error,cds=error", true);

    private final String archive;
    private final String record;
    private final String use;
    private final String quietRecording;
    private final boolean archivesSignedJars;

    /** A dynamic archive ({@code -XX:ArchiveClassesAtExit}), the kind before Java 25. */
    Kind(boolean archivesSignedJars) {
      this(
          "app.jsa",
          "-XX:ArchiveClassesAtExit=",
          "-XX:SharedArchiveFile=",
          "-Xlog:cds=error",
          archivesSignedJars);
    }

    Kind(
        String archive,
        String record,
        String use,
        String quietRecording,
        boolean archivesSignedJars) {
      this.archive = archive;
      this.record = record;
      this.use = use;
      this.quietRecording = quietRecording;
      this.archivesSignedJars = archivesSignedJars;
    }

    private String recording() {
      return archive + ".recording";
    }
  }

  /**
   * How to start a service from its jar.
   *
   * @param jar the jar to run: the extracted one, or the given one if extraction failed
   * @param jvmOptions the options that record or use the archive
   * @param folder where the archive and its recording are, or {@code null} without sharing
   * @param kind the archive's kind
   * @param records whether this start records the archive, which it writes when it stops
   */
  record Launch(Path jar, List<String> jvmOptions, Path folder, Kind kind, boolean records) {

    /**
     * How long the service may take to stop: a recording one writes its archive on the way out,
     * which for Java 25's cache is a second JVM's work of 20 seconds and more on a busy machine.
     */
    Duration stopTimeout() {
      return records ? RECORDING_STOP_TIMEOUT : ServiceProcess.DEFAULT_STOP_TIMEOUT;
    }

    /**
     * After the service's exit: keeps what it recorded as the archive if it stopped by itself, else
     * drops it, since a JVM killed while writing leaves a file no JVM can use.
     */
    void serviceStopped(boolean byItself) {
      if (folder == null) {
        return;
      }
      try {
        Path recording = folder.resolve(kind.recording());
        if (byItself && Files.isRegularFile(recording)) {
          Files.move(recording, folder.resolve(kind.archive), StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(recording);
        }
        // What Java 25 recorded for the cache, which it deletes once it wrote the cache.
        Files.deleteIfExists(folder.resolve(kind.recording() + ".config"));
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
  static Launch prepare(Path jar, Path cacheDirectory, String label, Kind kind) {
    try {
      Path folder = cacheDirectory.resolve(folderName(label, jar));
      Path extracted = folder.resolve("app");
      Path extractedJar = extracted.resolve(jar.getFileName());
      if (!Files.isRegularFile(extractedJar)) {
        removeOtherBuilds(cacheDirectory, label);
        extract(jar, extracted);
      }
      return sharing(extractedJar, folder, kind);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Starting {} without class data sharing: {}", label, e.getMessage());
      return new Launch(jar, List.of(), null, kind, false);
    }
  }

  /** Uses the archive if a start recorded it, else records it at this start's exit. */
  private static Launch sharing(Path jar, Path folder, Kind kind) throws IOException {
    Path archive = folder.resolve(kind.archive);
    if (Files.isRegularFile(archive)) {
      return new Launch(jar, List.of(kind.use + archive), folder, kind, false);
    }
    if (!kind.archivesSignedJars && holdsSignedJar(jar.resolveSibling("lib"))) {
      LOG.info("Starting {} without class data sharing: Java 17 cannot archive signed jars", jar);
      return new Launch(jar, List.of(), null, kind, false);
    }
    // Recording warns once for each class it leaves out (generated accessors, classes of old
    // bytecode versions), a hundred lines and more in the console at the first stop; errors stay.
    List<String> options =
        List.of(kind.record + folder.resolve(kind.recording()), kind.quietRecording);
    return new Launch(jar, options, folder, kind, true);
  }

  /** Whether a jar in {@code libraries} is signed: has a signature file in its META-INF. */
  static boolean holdsSignedJar(Path libraries) throws IOException {
    if (!Files.isDirectory(libraries)) {
      return false;
    }
    try (Stream<Path> files = Files.list(libraries)) {
      for (Path library : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
        try (ZipFile zip = new ZipFile(library.toFile())) {
          if (zip.stream().map(ZipEntry::getName).anyMatch(ClassDataSharing::isSignatureFile)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isSignatureFile(String entry) {
    return entry.startsWith("META-INF/") && entry.endsWith(".SF") && entry.indexOf('/', 9) < 0;
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
