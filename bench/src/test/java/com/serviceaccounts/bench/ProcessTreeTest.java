package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {

  @TempDir Path dataDirectory;

  @Test
  void theLocalStackIsTheLauncherOfItsPidFileAndWhatItStarted() throws Exception {
    Process launcher = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
    try {
      Files.writeString(
          dataDirectory.resolve(ProcessTree.LAUNCHER_PID_FILE), launcher.pid() + "\n");
      Process other = new ProcessBuilder("sleep", "60").start();
      try {
        Map<Long, String> processes = waitForChild(launcher);

        assertThat(processes).containsEntry(launcher.pid(), "local-stack");
        assertThat(processes).hasSize(2).containsValue("local-stack");
        assertThat(processes).doesNotContainKey(other.pid());
      } finally {
        other.destroyForcibly();
      }
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void aJvmIsNamedByTheJarItRunsWithOrWithoutAddOnsOnItsClassPath() {
    assertThat(
            ProcessTree.name(
                "/jdk/bin/java -Xmx512m -jar /data/cds/app/query-service.jar --x=1", "root"))
        .isEqualTo("query-service");
    assertThat(
            ProcessTree.name(
                "/jdk/bin/java -Xmx512m -cp /data/cds/app/web-ui.jar:/ui/dev-sign-in/dev-issuer.jar"
                    + " com.serviceaccounts.ui.WebUiApplication --server.port=8083",
                "root"))
        .isEqualTo("web-ui");
    assertThat(ProcessTree.name("postgres: checkpointer", "local-stack")).isEqualTo("local-stack");
  }

  @Test
  void withoutALauncherOnTheFolderThereIsNoStack() {
    assertThatThrownBy(() -> ProcessTree.localStack(dataDirectory))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ProcessTree.LAUNCHER_PID_FILE);
  }

  /** The shell's {@code sleep} is its child as soon as the shell has started it. */
  private Map<Long, String> waitForChild(Process launcher) throws Exception {
    while (true) {
      Map<Long, String> processes = ProcessTree.localStack(dataDirectory).processes();
      if (processes.size() > 1 || !launcher.isAlive()) {
        return processes;
      }
      Thread.sleep(20);
    }
  }
}
