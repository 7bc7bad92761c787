package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessIT {

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path directory;

  private static Path jar;

  private final List<String> output = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void packageFakeService() throws IOException {
    jar = directory.resolve("fake-service.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
    String classFile = FakeService.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream jarOutput = new JarOutputStream(file, manifest);
        InputStream classBytes =
            FakeService.class.getClassLoader().getResourceAsStream(classFile)) {
      jarOutput.putNextEntry(new JarEntry(classFile));
      classBytes.transferTo(jarOutput);
      jarOutput.closeEntry();
    }
  }

  @Test
  void startsWaitsUntilHealthyAndStopsGracefully() {
    ServiceProcess service = fakeService().build();

    service.startAndAwaitHealthy(HEALTH_TIMEOUT);
    assertThat(service.isRunning()).isTrue();
    boolean exitedByItself = service.stop(Duration.ofSeconds(10));

    assertThat(exitedByItself).isTrue();
    assertThat(service.isRunning()).isFalse();
    assertThat(output).contains("[fake] started as first", "[fake] stopped gracefully as first");
  }

  @Test
  void killsAndRestartsOnTheSamePort() {
    ServiceProcess service = fakeService().build();
    service.startAndAwaitHealthy(HEALTH_TIMEOUT);
    long firstPid = service.pid();

    service.kill();
    assertThat(service.exitCode()).hasValue(137);
    assertThat(output).doesNotContain("[fake] stopped gracefully as first");

    service.restart(HEALTH_TIMEOUT);
    assertThat(service.pid()).isNotEqualTo(firstPid);
    assertThat(output).filteredOn("[fake] started as first"::equals).hasSize(2);
    service.close();
  }

  @Test
  void reportsTheExitCodeOfAServiceThatDiesWhileStarting() {
    ServiceProcess service = fakeService().argument("--exit-code=3").build();
    service.start();

    assertThatThrownBy(() -> service.awaitHealthy(HEALTH_TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("fake exited with code 3");
    assertThat(output).contains("[fake] failing on purpose");
  }

  @Test
  void refusesAJarThatDoesNotExist() {
    assertThatThrownBy(
            () -> ServiceProcess.builder("missing", directory.resolve("missing.jar")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No jar for missing");
  }

  private ServiceProcess.Builder fakeService() {
    return ServiceProcess.builder("fake", jar)
        .port(Ports.anyFree())
        .environment("FAKE_NAME", "first")
        .jvmOption("-Xmx32m")
        .output(output::add);
  }
}
