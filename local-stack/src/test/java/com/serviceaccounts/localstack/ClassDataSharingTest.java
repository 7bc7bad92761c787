package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

  private static final ClassDataSharing.Kind JAVA_17 =
      ServiceJvms.Generation.of(Runtime.Version.parse("17.0.13")).sharing;

  private static final ClassDataSharing.Kind JAVA_25 =
      ServiceJvms.Generation.of(Runtime.Version.parse("25.0.1")).sharing;

  @TempDir Path directory;

  @Test
  void onJava17TheFirstStartRecordsTheArchiveAndTheNextOnesUseIt() throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path folder = cache.resolve(ClassDataSharing.folderName("service", jar));
    Path extractedJar = Files.createDirectories(folder.resolve("app")).resolve("service.jar");
    Files.createFile(extractedJar);

    ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, cache, "service", JAVA_17);

    assertThat(first.jar()).isEqualTo(extractedJar);
    assertThat(first.jvmOptions())
        .containsExactly(
            "-XX:ArchiveClassesAtExit=" + folder.resolve("app.jsa.recording"), "-Xlog:cds=error");
    assertThat(first.records()).isTrue();

    Files.createFile(folder.resolve("app.jsa.recording"));
    first.serviceStopped(true);
    ClassDataSharing.Launch next = ClassDataSharing.prepare(jar, cache, "service", JAVA_17);

    assertThat(next.jar()).isEqualTo(extractedJar);
    assertThat(next.jvmOptions())
        .containsExactly("-XX:SharedArchiveFile=" + folder.resolve("app.jsa"));
    assertThat(next.records()).isFalse();
  }

  @Test
  void onJava25TheFirstStartRecordsTheAheadOfTimeCacheAndTheNextOnesUseIt() throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path folder = cache.resolve(ClassDataSharing.folderName("service", jar));
    Files.createFile(Files.createDirectories(folder.resolve("app")).resolve("service.jar"));
    // An archive Java 17 recorded in the same data directory is not Java 25's.
    Files.createFile(folder.resolve("app.jsa"));

    ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, cache, "service", JAVA_25);

    assertThat(first.jvmOptions())
        .containsExactly(
            "-XX:AOTCacheOutput=" + folder.resolve("app.aot.recording"),
            "-Xlog:aot=error,cds=error");

    assertThat(first.stopTimeout()).isGreaterThan(ServiceProcess.DEFAULT_STOP_TIMEOUT);

    Files.createFile(folder.resolve("app.aot.recording"));
    first.serviceStopped(true);

    ClassDataSharing.Launch next = ClassDataSharing.prepare(jar, cache, "service", JAVA_25);
    assertThat(next.jvmOptions()).containsExactly("-XX:AOTCache=" + folder.resolve("app.aot"));
    assertThat(next.stopTimeout()).isEqualTo(ServiceProcess.DEFAULT_STOP_TIMEOUT);
    assertThat(ClassDataSharing.prepare(jar, cache, "service", JAVA_17).jvmOptions())
        .containsExactly("-XX:SharedArchiveFile=" + folder.resolve("app.jsa"));
  }

  @Test
  void aRecordingOfAServiceThatHadToBeKilledIsDropped() throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path folder = cache.resolve(ClassDataSharing.folderName("service", jar));
    Files.createFile(Files.createDirectories(folder.resolve("app")).resolve("service.jar"));
    ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, cache, "service", JAVA_17);
    Files.createFile(folder.resolve("app.jsa.recording"));

    first.serviceStopped(false);

    assertThat(folder.resolve("app.jsa.recording")).doesNotExist();
    assertThat(folder.resolve("app.jsa")).doesNotExist();
    assertThat(ClassDataSharing.prepare(jar, cache, "service", JAVA_17).jvmOptions())
        .contains("-XX:ArchiveClassesAtExit=" + folder.resolve("app.jsa.recording"));
  }

  @Test
  void aKilledJava25RecordingLeavesNeitherItsCacheNorItsConfiguration() throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path folder = cache.resolve(ClassDataSharing.folderName("service", jar));
    Files.createFile(Files.createDirectories(folder.resolve("app")).resolve("service.jar"));
    ClassDataSharing.Launch first = ClassDataSharing.prepare(jar, cache, "service", JAVA_25);
    Files.createFile(folder.resolve("app.aot.recording"));
    Files.createFile(folder.resolve("app.aot.recording.config"));

    first.serviceStopped(false);

    assertThat(folder.resolve("app.aot.recording")).doesNotExist();
    assertThat(folder.resolve("app.aot.recording.config")).doesNotExist();
    assertThat(folder.resolve("app.aot")).doesNotExist();
  }

  @Test
  void javaTwentyFiveAndLaterAloneUseTheCacheAndCompactObjectHeaders() {
    assertThat(JAVA_17).isEqualTo(ClassDataSharing.Kind.DYNAMIC_ARCHIVE_17);
    assertThat(ServiceJvms.Generation.of(Runtime.Version.parse("21.0.5")).sharing)
        .isEqualTo(ClassDataSharing.Kind.DYNAMIC_ARCHIVE);
    assertThat(ServiceJvms.Generation.of(Runtime.Version.parse("24.0.2")).sharing)
        .isEqualTo(ClassDataSharing.Kind.DYNAMIC_ARCHIVE);
    assertThat(JAVA_25).isEqualTo(ClassDataSharing.Kind.AHEAD_OF_TIME_CACHE);

    assertThat(ServiceJvms.Generation.of(Runtime.Version.parse("17.0.13")).objectHeaders).isEmpty();
    assertThat(ServiceJvms.Generation.of(Runtime.Version.parse("26")).objectHeaders)
        .containsExactly("-XX:+UseCompactObjectHeaders");
  }

  @Test
  void onJava17AServiceWithASignedJarStartsWithoutSharingAndOnLaterJavaRecords()
      throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path app = Files.createDirectories(cache.resolve(ClassDataSharing.folderName("service", jar)));
    Files.createFile(Files.createDirectories(app.resolve("app")).resolve("service.jar"));
    Path lib = Files.createDirectories(app.resolve("app/lib"));
    jar(lib.resolve("plain.jar"), "META-INF/maven/x/pom.properties", "META-INF/x/NOT.SF");
    assertThat(ClassDataSharing.prepare(jar, cache, "service", JAVA_17).records()).isTrue();

    jar(lib.resolve("provider.jar"), "META-INF/PROVIDER.SF", "META-INF/PROVIDER.RSA");
    ClassDataSharing.Launch java17 = ClassDataSharing.prepare(jar, cache, "service", JAVA_17);
    ClassDataSharing.Launch java21 =
        ClassDataSharing.prepare(jar, cache, "service", ClassDataSharing.Kind.DYNAMIC_ARCHIVE);

    assertThat(java17.jar()).isEqualTo(app.resolve("app/service.jar"));
    assertThat(java17.jvmOptions()).isEmpty();
    assertThat(java17.records()).isFalse();
    assertThat(java21.records()).isTrue();
    assertThat(ClassDataSharing.prepare(jar, cache, "service", JAVA_25).records()).isTrue();
  }

  @Test
  void onlyANormalExitOrSigtermWritesAWholeArchive() {
    assertThat(ClassDataSharing.exitedNormally(OptionalInt.of(0))).isTrue();
    assertThat(ClassDataSharing.exitedNormally(OptionalInt.of(143))).isTrue();
    assertThat(ClassDataSharing.exitedNormally(OptionalInt.of(137))).isFalse();
    assertThat(ClassDataSharing.exitedNormally(OptionalInt.of(134))).isFalse();
    assertThat(ClassDataSharing.exitedNormally(OptionalInt.empty())).isFalse();
  }

  @Test
  void aRebuiltJarGetsAFolderOfItsOwnAndTheOldOneGoes() throws IOException {
    Path jar = jar("service.jar");
    Path cache = directory.resolve("cds");
    Path oldFolder = cache.resolve(ClassDataSharing.folderName("service", jar));
    Files.createDirectories(oldFolder.resolve("app"));
    Files.createFile(oldFolder.resolve("app.jsa"));
    Path otherService = Files.createDirectories(cache.resolve("other-1-2"));

    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    ClassDataSharing.Launch launch = ClassDataSharing.prepare(jar, cache, "service", JAVA_17);

    assertThat(ClassDataSharing.folderName("service", jar))
        .isNotEqualTo(oldFolder.getFileName().toString());
    assertThat(oldFolder).doesNotExist();
    assertThat(otherService).exists();
    // This jar is no Spring Boot jar: extraction fails and it runs as it is.
    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmOptions()).isEmpty();
  }

  @Test
  void aJarThatCannotBeExtractedRunsAsItIsWithoutSharing() throws IOException {
    Path jar = jar("plain.jar");

    ClassDataSharing.Launch launch =
        ClassDataSharing.prepare(jar, directory.resolve("cds"), "plain", JAVA_17);

    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmOptions()).isEmpty();
    assertThat(launch.records()).isFalse();
    assertThat(launch.stopTimeout()).isEqualTo(ServiceProcess.DEFAULT_STOP_TIMEOUT);
  }

  /** A jar with a manifest and no main class, which {@code -Djarmode=tools} cannot run. */
  private Path jar(String name) throws IOException {
    return jar(directory.resolve(name));
  }

  /** A jar with a manifest and an empty file of each name in {@code entries}. */
  private static Path jar(Path jar, String... entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream output = new JarOutputStream(file, manifest)) {
      for (String entry : entries) {
        output.putNextEntry(new ZipEntry(entry));
        output.closeEntry();
      }
    }
    return jar;
  }
}
