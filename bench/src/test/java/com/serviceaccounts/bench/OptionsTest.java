package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionsTest {

  private static Options parse(String... args) {
    Options options = new Options();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void withoutAPeerTheBenchmarksKeepTheirLongWarmUp() {
    Options options = parse();

    assertThat(options.peer).isNull();
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(300));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aPeerComparisonWarmsUpAMinuteAndMeasuresHalfAMinuteAt8And32ClientsWithBothAlgorithms() {
    Options options = parse("--peer=keycloak");
    options.checkPeer();

    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.peerClients).containsExactly(8, 32);
    assertThat(options.algorithms).containsExactly("RS256", "ES256");
    assertThat(options.peerHome).isEqualTo(Path.of("bench/target/keycloak/keycloak-26.7.3"));
    assertThat(options.peerJava).isNull();
  }

  @Test
  void aQuickRunOverridesTheDurationsThePhasesAndTheJdk() {
    Options options =
        parse(
            "--peer=keycloak",
            "--only=tokens,create,edit",
            "--warmup=10",
            "--seconds=5",
            "--peer-clients=4",
            "--algorithms=ES256",
            "--peer-java=/opt/jdk-25");

    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.only).isEqualTo(List.of("tokens", "create", "edit"));
    assertThat(options.runs("edit")).isTrue();
    assertThat(options.runs("lag")).isFalse();
    assertThat(options.peerClients).containsExactly(4);
    assertThat(options.algorithms).containsExactly("ES256");
    assertThat(options.peerJava).isEqualTo(Path.of("/opt/jdk-25"));
  }

  @Test
  void anUnknownPeerOrNoClientsIsRefusedWithWhatIsWrong() {
    Options unknown = new Options();
    CommandLine commandLine = new CommandLine(unknown);
    commandLine.parseArgs("--peer=hydra");
    assertThatThrownBy(unknown::checkPeer)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--peer knows only keycloak, not 'hydra'");

    Options none = new Options();
    new CommandLine(none).parseArgs("--peer=keycloak", "--peer-clients=0");
    assertThatThrownBy(none::checkPeer).hasMessageContaining("--peer-clients");
  }
}
