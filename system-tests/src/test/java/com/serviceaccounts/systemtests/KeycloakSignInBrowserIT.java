package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.serviceaccounts.keycloakjava.KeycloakJava;
import com.serviceaccounts.localstack.Ports;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link OidcSignInBrowserTest} with Keycloak (the {@code keycloak-quarkus-dist} the build unpacks
 * into {@code target/keycloak}), its realm imported from {@code
 * deploy/keycloak/service-accounts-realm.json}, as a company would run it. Keycloak needs a JDK
 * 21+: the test looks for one in {@code keycloak.java.home} or under {@code /usr/lib/jvm}, and is
 * skipped (with that reason) where there is none.
 */
class KeycloakSignInBrowserIT extends OidcSignInBrowserTest {

  static Process keycloak;

  @BeforeAll
  static void start() throws Exception {
    String configured = System.getProperty("keycloak.java.home", "");
    Optional<Path> javaHome = KeycloakJava.find(configured.isBlank() ? null : Path.of(configured));
    assumeThat(javaHome)
        .as(
            "Keycloak needs a JDK "
                + KeycloakJava.MINIMUM
                + " or newer; none in -Dkeycloak.java.home or under "
                + KeycloakJava.JVMS
                + ", so the Keycloak variant of the sign-in browser test is skipped (the"
                + " oidc-provider variant runs)")
        .isPresent();
    system = RunningSystem.shared();
    keycloak = startKeycloak(javaHome.get());
    awaitKeycloak();
    webUi = webUi(system, TestIdentityProviders.keycloakIssuer());
    webUi.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
    browser = Browser.open("keycloak-sign-in");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (keycloak != null) {
      keycloak.destroy();
      keycloak.waitFor();
    }
  }

  @Override
  UUID company() {
    return TestIdentityProviders.KEYCLOAK_COMPANY;
  }

  @Override
  LoginForm loginForm() {
    return new LoginForm("#username", "#password", "#kc-login");
  }

  @Override
  boolean atTheProvidersLoginPage(Browser browser) {
    return browser.driver.getCurrentUrl().startsWith(TestIdentityProviders.keycloakIssuer())
        && browser.present("#kc-login");
  }

  /**
   * Keycloak in development mode on a data folder of its own, importing the deployable realm
   * (client secret and the UI's address from the environment, as in production) and this test's
   * people.
   */
  private static Process startKeycloak(Path javaHome) throws IOException {
    Path home = Path.of(System.getProperty("keycloak.home"));
    // A new database each time: the realm is imported with this run's client secret and address.
    Path database = home.resolve("data/h2");
    if (Files.isDirectory(database)) {
      try (Stream<Path> files = Files.walk(database)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Path imports = home.resolve("data/import");
    Files.createDirectories(imports);
    // The deployable realm as it is, with this test's people added.
    String realm = Files.readString(Path.of(System.getProperty("keycloak.realm")));
    Files.writeString(
        imports.resolve("service-accounts-realm.json"),
        realm.replaceFirst("\\{", "{\"users\": " + people() + ","));
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--import-realm",
                "--http-host=127.0.0.1",
                "--http-port=" + TestIdentityProviders.KEYCLOAK_PORT,
                "--http-management-port=" + Ports.anyFree(),
                "--hostname=http://127.0.0.1:" + TestIdentityProviders.KEYCLOAK_PORT)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("keycloak.log").toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    builder.environment().put("SERVICE_ACCOUNTS_UI_CLIENT_SECRET", CLIENT_SECRET);
    builder.environment().put("SERVICE_ACCOUNTS_UI_URL", ui().toString());
    return builder.start();
  }

  /** Until the realm's OpenID configuration answers: Keycloak is up and the realm imported. */
  private static void awaitKeycloak() throws InterruptedException {
    URI discovery =
        URI.create(TestIdentityProviders.keycloakIssuer() + "/.well-known/openid-configuration");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (!keycloak.isAlive()) {
        throw new IllegalStateException(
            "Keycloak ended with " + keycloak.exitValue() + "; see target/keycloak/*/keycloak.log");
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(discovery).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("Keycloak did not serve " + discovery + " within 10 minutes");
  }

  /**
   * Alice in the mapped group, Bob in another, both with a set password and a full profile (a JSON
   * array of Keycloak user representations).
   */
  private static String people() {
    String person =
        """
        {"username":"%s","email":"%s@acme.example","emailVerified":true,"enabled":true,
         "firstName":"%s","lastName":"Example","groups":["%s"],
         "credentials":[{"type":"password","value":"%s","temporary":false}]}""";
    return "[%s,%s]"
        .formatted(
            person.formatted(ALICE, ALICE, "Alice", TestIdentityProviders.ADMINS, PASSWORD),
            person.formatted(BOB, BOB, "Bob", "contractors", PASSWORD));
  }
}
