package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

  @Test
  void defaultsFitARunFromTheRepositoryRoot() {
    LauncherOptions options = LauncherOptions.parse(new String[0], new Properties());

    assertThat(options.dataDirectory()).isEqualTo(Path.of(".local-stack"));
    assertThat(options.postgresPort).isEqualTo(15432);
    assertThat(options.kafkaPort).isEqualTo(19092);
    assertThat(options.commandPort).isEqualTo(8080);
    assertThat(options.queryPort).isEqualTo(8081);
    assertThat(options.tokenPort).isEqualTo(8082);
    assertThat(options.commandJar).isEqualTo(Path.of("command-service/target/command-service.jar"));
    assertThat(options.queryJar).isEqualTo(Path.of("query-service/target/query-service.jar"));
    assertThat(options.tokenJar).isEqualTo(Path.of("token-service/target/token-service.jar"));
    assertThat(options.infraOnly).isFalse();
    assertThat(options.tokenSignatureAlgorithm).isEqualTo("ES256");
    assertThat(options.healthTimeout).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void theHealthTimeoutIsAWholeNumberOfSeconds() {
    assertThat(
            LauncherOptions.parse(new String[] {"--health-timeout=900"}, new Properties())
                .healthTimeout)
        .isEqualTo(Duration.ofMinutes(15));
    Properties properties = new Properties();
    properties.setProperty("local-stack.health-timeout", "600");
    assertThat(LauncherOptions.parse(new String[0], properties).healthTimeout)
        .isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(
            () -> LauncherOptions.parse(new String[] {"--health-timeout=0"}, new Properties()))
        .hasMessageContaining("--health-timeout")
        .hasMessageContaining("needs a whole number of seconds, 1 or more, got: 0");
    assertThatThrownBy(
            () -> LauncherOptions.parse(new String[] {"--health-timeout=3m"}, new Properties()))
        .hasMessageContaining("got: 3m");
  }

  @Test
  void takesEitherSignatureAlgorithmAndNoOther() {
    assertThat(
            LauncherOptions.parse(
                    new String[] {"--token-signature-algorithm=rs256"}, new Properties())
                .tokenSignatureAlgorithm)
        .isEqualTo("RS256");
    assertThatThrownBy(
            () ->
                LauncherOptions.parse(
                    new String[] {"--token-signature-algorithm=HS256"}, new Properties()))
        .hasMessageContaining("--token-signature-algorithm")
        .hasMessageContaining("got: HS256");
  }

  @Test
  void argumentsWinOverSystemProperties() {
    Properties properties = new Properties();
    properties.setProperty("local-stack.kafka-port", "29092");
    properties.setProperty("local-stack.data-dir", "/tmp/from-property");

    LauncherOptions options =
        LauncherOptions.parse(
            new String[] {"--data-dir=/tmp/from-argument", "--infra-only"}, properties);

    assertThat(options.kafkaPort).isEqualTo(29092);
    assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/from-argument"));
    assertThat(options.infraOnly).isTrue();
  }

  @Test
  void rejectsUnknownOptionsAndPortsOutOfRange() {
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--kafka=1"}, new Properties()))
        .hasMessageContaining("Unknown option: '--kafka=1'");
    assertThatThrownBy(
            () -> LauncherOptions.parse(new String[] {"--query-port=70000"}, new Properties()))
        .hasMessageContaining("--query-port")
        .hasMessageContaining("needs a port between 1 and 65535, got: 70000");
  }

  @Test
  void launcherAndTokenCommandShareTheDataFolderAndTheHelpLayout() {
    String launcher = LauncherOptions.commandLine(new Properties()).getUsageMessage();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    DevTokenCommand.run(
        new String[] {"--help"},
        new Properties(),
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        System.err);
    String token = out.toString(java.nio.charset.StandardCharsets.UTF_8);

    String dataFolder = "the local stack's data folder, as given to ./run-local";
    assertThat(launcher).contains(dataFolder).contains("--help").contains("--version");
    assertThat(token).contains(dataFolder).contains("--help").contains("--version");
    // the option lists (after the synopsis) in the order the options are declared, not sorted
    assertThat(launcher.lastIndexOf("--postgres-port"))
        .isLessThan(launcher.lastIndexOf("--command-jar"));
    assertThat(token.lastIndexOf("--company")).isLessThan(token.lastIndexOf("--admin"));
  }
}
