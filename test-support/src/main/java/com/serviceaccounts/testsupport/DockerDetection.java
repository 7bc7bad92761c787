package com.serviceaccounts.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * Tells whether Testcontainers can reach a Docker engine.
 *
 * <p>Asking Testcontainers on a machine without Docker costs most of a second and logs an ERROR
 * with every strategy it tried, in every test run. So it is only asked when there is a hint that an
 * engine exists: {@code DOCKER_HOST}, a Testcontainers configuration file, or a Docker socket in
 * one of the usual places. An engine reachable some other way is used with {@code
 * TEST_INFRASTRUCTURE=containers}.
 */
final class DockerDetection {

  private DockerDetection() {}

  static boolean dockerAvailable() {
    return anyDockerHint() && DockerClientFactory.instance().isDockerAvailable();
  }

  private static boolean anyDockerHint() {
    if (System.getenv("DOCKER_HOST") != null) {
      return true;
    }
    return candidateFiles().stream().anyMatch(Files::exists);
  }

  private static List<Path> candidateFiles() {
    Path home = Path.of(System.getProperty("user.home"));
    List<Path> candidates =
        new ArrayList<>(
            List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock")));
    String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDirectory != null) {
      candidates.add(Path.of(runtimeDirectory, "docker.sock"));
    }
    return candidates;
  }
}
