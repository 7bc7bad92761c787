package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local-stack/launcher-java}, which ./run-local, bench/run and the benchmarks' peer
 * comparison start the launcher with, run on this test's own JDK.
 */
class LauncherJavaTest {

  private static final Path SCRIPT = Path.of("launcher-java").toAbsolutePath();

  private static final Path OPTIONS = Path.of("launcher.jvm-options").toAbsolutePath();

  /** The native heap trim's interval as {@code -XX:+PrintFlagsFinal} shows it when it is given. */
  private static final String TRIM_GIVEN = "TrimNativeHeapInterval\\s+= 5000\\s.*command line";

  private static final String JAVA_HOME = System.getProperty("java.home");

  @TempDir Path directory;

  @Test
  void theJvmKnowsEveryOptionOfTheLauncher() throws Exception {
    Run run = run(SCRIPT, JAVA_HOME, "-XX:+PrintFlagsFinal", "-version");

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .containsPattern("MaxHeapSize\\s+= 268435456\\s.*command line")
        .containsPattern("UseSerialGC\\s+= true\\s.*command line");
  }

  @Test
  void aJvmThatKnowsHowReturnsFreedNativeMemoryEveryFiveSeconds() throws Exception {
    Run run = run(SCRIPT, JAVA_HOME, "-XX:+PrintFlagsFinal", "-version");

    assertThat(run.exitCode).as(run.output).isZero();
    if (ServiceJvms.knowsOption("TrimNativeHeapInterval")) {
      assertThat(run.output).containsPattern(TRIM_GIVEN);
    } else {
      assertThat(run.output).doesNotContainPattern(TRIM_GIVEN);
    }
  }

  @Test
  void aJvmThatDoesNotKnowHowStartsWithoutIt() throws Exception {
    // A JDK whose java refuses the option, as one before 17.0.9 does, and otherwise is this one.
    Path bin = Files.createDirectories(directory.resolve("old-jdk/bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        for option in "$@"; do
          case "$option" in
            -XX:TrimNativeHeapInterval=*)
              echo "Unrecognized VM option '${option#-XX:}'" >&2
              exit 1 ;;
          esac
        done
        exec "%s/bin/java" "$@"
        """
            .formatted(JAVA_HOME));
    java.toFile().setExecutable(true);

    Run run = run(SCRIPT, bin.getParent().toString(), "-XX:+PrintFlagsFinal", "-version");

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output).doesNotContainPattern(TRIM_GIVEN);
    assertThat(run.output).containsPattern("MaxHeapSize\\s+= 268435456\\s.*command line");
  }

  @Test
  void aMistypedOptionStopsTheLaunch() throws Exception {
    Path script =
        Files.copy(SCRIPT, directory.resolve("launcher-java"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(
        directory.resolve("launcher.jvm-options"),
        Files.readString(OPTIONS) + "-XX:MaxNewSise=48m\n",
        StandardCharsets.UTF_8);

    Run run = run(script, JAVA_HOME, "-version");

    assertThat(run.exitCode).isNotZero();
    assertThat(run.output).contains("Unrecognized VM option 'MaxNewSise=48m'");
  }

  private static Run run(Path script, String javaHome, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  private record Run(int exitCode, String output) {}
}
