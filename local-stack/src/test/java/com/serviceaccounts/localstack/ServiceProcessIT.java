package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.devissuer.DevTokenIssuer;
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

  /**
   * Every user of the machine can read a process's command line; only its own user, its
   * environment.
   */
  @Test
  void theLauncherGivesQueryServiceItsSecretInTheEnvironmentNotOnTheCommandLine(
      @TempDir Path dataDirectory) throws IOException {
    String secret = ServiceArguments.newSecret();
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), Ports.anyFree())) {
      ServiceArguments arguments =
          new ServiceArguments(
              postgres,
              new KafkaKraftBroker(dataDirectory.resolve("kafka"), Ports.anyFree()),
              DevTokenIssuer.loadOrCreate(dataDirectory.resolve("issuer")),
              ServiceArguments.tokenIssuer(8082),
              "http://localhost:8080",
              secret,
              AuditSigningKeys.loadOrCreate(dataDirectory.resolve(AuditSigningKeys.DIRECTORY)),
              TokenSigningKeys.loadOrCreate(dataDirectory.resolve("token-signing"), "ES256"),
              "ES256");
      ServiceProcess.Builder builder = fakeService();
      arguments.applyTo(builder, ServiceArguments.QUERY_DATABASE);
      ServiceProcess service = builder.build();
      service.startAndAwaitHealthy(HEALTH_TIMEOUT);
      try {
        Path proc = Path.of("/proc", Long.toString(service.pid()));
        String commandLine = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        String environment = Files.readString(proc.resolve("environ"));

        assertThat(commandLine)
            .contains("--service-accounts.command-service.username=query-service")
            .doesNotContain(secret);
        assertThat(environment.split("\0"))
            .contains("SERVICE_ACCOUNTS_COMMAND_SERVICE_PASSWORD=" + secret);
      } finally {
        service.close();
      }
    }
  }

  @Test
  void runsItsJarsMainClassWithAddOnsOnTheClassPath() throws IOException {
    Path addOn = directory.resolve("add-on.jar");
    try (JarOutputStream jarOutput = new JarOutputStream(Files.newOutputStream(addOn))) {
      jarOutput.putNextEntry(new JarEntry(FakeService.ADD_ON));
      jarOutput.closeEntry();
    }
    ServiceProcess plain = fakeService().build();
    ServiceProcess withAddOn =
        fakeService().environment("FAKE_NAME", "second").classPath(addOn).build();

    for (ServiceProcess service : List.of(plain, withAddOn)) {
      service.startAndAwaitHealthy(HEALTH_TIMEOUT);
      assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(output)
        .contains("[fake] started as first", "[fake] add-on on the class path of second")
        .doesNotContain("[fake] add-on on the class path of first");
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
