package com.serviceaccounts.keycloakjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakJavaTest {

  @TempDir Path jvms;

  private Path jdk(String name, String version) throws Exception {
    Path home = jvms.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Files.createFile(
        home.resolve("bin/java"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    return home;
  }

  @Test
  void theNewestJdk21OrLaterIsChosen() throws Exception {
    jdk("java-17", "17.0.15");
    jdk("jdk-21", "21.0.4");
    Path newest = jdk("temurin-25", "25.0.1");

    assertThat(KeycloakJava.find(null, jvms)).contains(newest);
  }

  @Test
  void onlyOlderJdksIsNone() throws Exception {
    jdk("java-17", "17.0.15");
    Files.createDirectories(jvms.resolve("not-a-jdk"));

    assertThat(KeycloakJava.find(null, jvms)).isEmpty();
    assertThat(KeycloakJava.find(null, jvms.resolve("absent"))).isEmpty();
  }

  @Test
  void aGivenJdkIsUsedOnlyIfItIs21OrLater() throws Exception {
    Path old = jdk("java-17", "17.0.15");
    Path recent = jdk("jdk-21", "21");

    assertThat(KeycloakJava.find(recent, jvms)).contains(recent);
    assertThat(KeycloakJava.find(old, jvms)).isEmpty();
  }
}
