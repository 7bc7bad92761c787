package com.serviceaccounts.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries that zonky ships in a Maven artifact, so that the
 * services and the tests need nothing installed but a JDK.
 *
 * <p>The data directory survives {@link #close()} and a restart on the same directory keeps all
 * databases: the local stack is meant to be stopped and started again without losing the event
 * store. Zonky's own JVM shutdown hook is switched off, because it would race with the services
 * that still use the database while the JVM shuts down; whoever starts the server closes it, after
 * its clients.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** Zonky's initdb creates this superuser and trusts local connections, so any password works. */
  private static final String USERNAME = "postgres";

  private static final String PASSWORD = "postgres";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on the given port with its data in {@code dataDirectory}, running initdb
   * first if the directory holds no cluster yet.
   *
   * @throws IllegalStateException if a PostgreSQL from an earlier run still serves that directory
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    refuseIfStillRunning(directory);
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_TIMEOUT)
              // zonky turns this off for speed; a commit the services acknowledged must
              // survive a crash of PostgreSQL, here as in production.
              .setServerConfig("synchronous_commit", "on")
              .start();
      LOG.debug("PostgreSQL listens on port {} with data in {}", port, directory);
      return new EmbeddedPostgresServer(postgres, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL did not start on port " + port + " in " + directory, e);
    }
  }

  /**
   * A postmaster left running by a launcher that was killed keeps the data directory and would make
   * pg_ctl fail with a message that does not say what to do.
   */
  private static void refuseIfStillRunning(Path directory) {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return;
      }
      long pid = Long.parseLong(lines.get(0).trim());
      boolean postgresAlive =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .flatMap(process -> process.info().command())
              .filter(command -> command.endsWith("postgres"))
              .isPresent();
      if (postgresAlive) {
        throw new IllegalStateException(
            "PostgreSQL from an earlier run (pid "
                + pid
                + ") still uses "
                + directory
                + ": stop it with 'kill "
                + pid
                + "' and start again");
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("Could not read {}; leaving it to PostgreSQL", pidFile, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public String username() {
    return USERNAME;
  }

  public String password() {
    return PASSWORD;
  }

  /** The JDBC URL of a database on this server; see {@link #createDatabaseIfMissing(String)}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:"
        + port()
        + "/"
        + PostgresDatabases.requireValidName(database);
  }

  /**
   * A connection source for one database as the superuser, for setup and assertions outside a
   * Spring context.
   */
  public DataSource dataSource(String database) {
    return PostgresDatabases.dataSource(jdbcUrl(database), USERNAME, PASSWORD);
  }

  /**
   * Creates the database unless it exists, owned by the role of the same name, which may connect to
   * no other database; see {@link PostgresDatabases#createIfMissing}.
   *
   * @return whether the database was created
   */
  public boolean createDatabaseIfMissing(String database) {
    return PostgresDatabases.createIfMissing(this::dataSource, database);
  }

  /** The role that owns a database made by {@link #createDatabaseIfMissing}. */
  public String username(String database) {
    return PostgresDatabases.requireValidName(database);
  }

  /** The password of {@link #username(String)}. */
  public String password(String database) {
    return PostgresDatabases.developmentPassword(database);
  }

  /** Stops PostgreSQL with a fast shutdown (open sessions are ended); the data directory stays. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    }
  }
}
