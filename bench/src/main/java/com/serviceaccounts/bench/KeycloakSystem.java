package com.serviceaccounts.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak ({@code keycloak-quarkus-dist}) in development mode, its data in its embedded H2 under
 * {@code --peer-home}, configured and loaded through its admin REST API ({@link KeycloakAdmin}).
 */
final class KeycloakSystem implements ComparedSystem {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final String ADMIN = "admin";

  private final Options options;
  private final Path javaHome;
  private final Path home;
  private final String adminPassword = UUID.randomUUID().toString();
  private final Http http = new Http();
  private String algorithm = "RS256";
  private Process keycloak;
  private URI base;
  private KeycloakAdmin admin;

  KeycloakSystem(Options options, Path javaHome) {
    this.options = options;
    this.javaHome = javaHome;
    this.home = options.peerHome.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return "Keycloak " + Options.KEYCLOAK_VERSION;
  }

  @Override
  public Duration start(boolean fresh) throws Exception {
    if (fresh) {
      deleteDatabase();
    }
    int port = freePort();
    base = URI.create("http://127.0.0.1:" + port);
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + freePort(),
                "--hostname=" + base)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("keycloak.log").toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("JAVA_OPTS_KC_HEAP", options.peerHeap);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    long started = System.nanoTime();
    keycloak = builder.start();
    awaitReady();
    Duration ready = Duration.ofNanos(System.nanoTime() - started);
    admin = new KeycloakAdmin(http, base, ADMIN, adminPassword);
    if (fresh) {
      admin.configure();
    } else {
      admin.signIn();
    }
    return ready;
  }

  /** A new H2 database each fresh start, as the distribution has none. */
  private void deleteDatabase() throws IOException {
    Path database = home.resolve("data/h2");
    if (Files.isDirectory(database)) {
      try (Stream<Path> files = Files.walk(database)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Until the master realm's OpenID configuration answers: Keycloak serves requests. */
  private void awaitReady() throws Exception {
    URI discovery = base.resolve("/realms/master/.well-known/openid-configuration");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!keycloak.isAlive()) {
        throw new IllegalStateException(
            "Keycloak ended with "
                + keycloak.exitValue()
                + "; its log: "
                + home.resolve("keycloak.log"));
      }
      try {
        if (http.send("GET", discovery, null, null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "Keycloak did not serve " + discovery + " within " + START_TIMEOUT);
  }

  @Override
  public synchronized void stop() throws Exception {
    if (keycloak == null) {
      return;
    }
    // kc.sh runs the JVM as its child.
    List<ProcessHandle> all = new ArrayList<>(keycloak.descendants().toList());
    all.add(keycloak.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(2, TimeUnit.MINUTES);
      } catch (java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
      }
    }
    keycloak = null;
  }

  @Override
  public ProcessTree processes() {
    return new ProcessTree(Map.of("Keycloak", keycloak.pid()));
  }

  @Override
  public void signWith(String algorithm) throws Exception {
    this.algorithm = algorithm;
    admin.signWith(algorithm);
  }

  @Override
  public SecretUsability.Credentials tokenClient() throws Exception {
    String clientId = "token-bench-" + UUID.randomUUID();
    String secret = UUID.randomUUID().toString();
    String id = KeycloakAdmin.id(admin.createClient(clientId, secret, "token bench", algorithm));
    SecretUsability.Credentials client = new SecretUsability.Credentials(id, clientId, secret);
    if (token(client).statusCode() != 200) {
      throw new IllegalStateException("Keycloak refused a token to a client it just created");
    }
    return client;
  }

  @Override
  public Http.Reply token(SecretUsability.Credentials client) throws Exception {
    return http.clientCredentials(admin.tokenEndpoint(), client.clientId(), client.secret());
  }

  @Override
  public Load.Client creates() {
    return () ->
        measured ->
            admin
                    .createClient(
                        "bench-" + UUID.randomUUID(),
                        UUID.randomUUID().toString(),
                        "account " + ThreadLocalRandom.current().nextInt(),
                        algorithm)
                    .statusCode()
                == 201;
  }

  @Override
  public Load.Client edits() {
    return () -> {
      List<String> ids = new ArrayList<>();
      for (int a = 0; a < 10; a++) {
        ids.add(
            KeycloakAdmin.id(
                admin.createClient(
                    "edit-bench-" + UUID.randomUUID(),
                    UUID.randomUUID().toString(),
                    "edit bench " + a,
                    algorithm)));
      }
      return measured -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = ids.get(random.nextInt(ids.size()));
        return admin.rename(id, "renamed " + random.nextInt()).statusCode() == 204;
      };
    };
  }
}
