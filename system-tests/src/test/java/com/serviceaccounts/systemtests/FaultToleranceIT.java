package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.systemtests.CommandLoad.Tally;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Faults under load: eight clients create and edit the accounts of one company (one create in five)
 * while a service is killed or Kafka is away, and afterwards every acknowledged command is stored,
 * and every stored event projected and audited exactly once ({@link ExactlyOnce}). The Kafka outage
 * takes over a minute and runs only with {@code -Dfaults.long=true}.
 */
class FaultToleranceIT {

  private static final int CLIENTS = 8;
  private static final Duration LOAD_PHASE = Duration.ofSeconds(5);
  private static final Duration KAFKA_OUTAGE_HALF = Duration.ofSeconds(30);

  static RunningSystem system;

  private final CompanyClient client = new CompanyClient(UUID.randomUUID());

  @BeforeAll
  static void startSystem() {
    system = RunningSystem.shared();
  }

  /**
   * command-service is killed (SIGKILL) with commands in flight and restarted on its port while the
   * clients keep sending; the requests it cannot answer count as failed.
   */
  @Test
  void commandServiceKilledUnderLoadLosesNoAcknowledgedCommand() throws Exception {
    ServiceProcess commandService = system.commandService;
    Tally tally;
    try (CommandLoad load = startLoad()) {
      load.runFor(LOAD_PHASE, 20);
      commandService.kill();
      long atKill = load.acknowledgedCount();
      commandService.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
      long atRestart = load.acknowledgedCount();
      load.runFor(LOAD_PHASE, 20);
      tally = load.stop();
      System.out.printf(
          "command-service killed: %d commands acknowledged before the kill, %d while it"
              + " restarted, %d after%n",
          atKill, atRestart - atKill, tally.acknowledged().size() - atRestart);
    } finally {
      startIfDown(commandService);
    }
    assertThat(tally.failedCount()).as("requests while command-service was down").isPositive();
    ExactlyOnce.assertExactlyOnce(
        "command-service SIGKILL", tally, client, system.eventStore(), queryService());
  }

  /**
   * query-service is killed (SIGKILL) while events stream in, between a projection's commit and the
   * Kafka offset's; after its restart the records it reads again change nothing.
   */
  @Test
  void queryServiceKilledWhileApplyingEventsAppliesEachOnce() throws Exception {
    ServiceProcess queryService = system.queryService;
    Tally tally;
    try (CommandLoad load = startLoad()) {
      load.runFor(LOAD_PHASE, 20);
      long audited = auditEntries();
      queryService.kill();
      long acknowledged = load.acknowledgedCount();
      load.runFor(Duration.ofSeconds(2), 1);
      tally = load.stop();
      System.out.printf(
          "query-service killed with %d audit entries applied of %d commands acknowledged%n",
          audited, acknowledged);
      queryService.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
    } finally {
      startIfDown(queryService);
    }
    ExactlyOnce.assertExactlyOnce(
        "query-service SIGKILL", tally, client, system.eventStore(), queryService());
  }

  /**
   * The Kafka broker stops for a minute under load: commands keep being acknowledged in both halves
   * of the outage (the event store is the outbox), and once Kafka is back the publisher's lag
   * drains.
   */
  @Test
  @EnabledIfSystemProperty(named = "faults.long", matches = "true")
  void kafkaStoppedForAMinuteUnderLoadDelaysEventsButLosesAndDuplicatesNone() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    Tally tally;
    long firstHalf;
    long secondHalf;
    try (CommandLoad load = startLoad()) {
      load.runFor(LOAD_PHASE, 20);
      infrastructure.stopKafka();
      long atStop = load.acknowledgedCount();
      Thread.sleep(KAFKA_OUTAGE_HALF.toMillis());
      long halfway = load.acknowledgedCount();
      Thread.sleep(KAFKA_OUTAGE_HALF.toMillis());
      long atStart = load.acknowledgedCount();
      infrastructure.startKafka();
      firstHalf = halfway - atStop;
      secondHalf = atStart - halfway;
      load.runFor(LOAD_PHASE, 20);
      tally = load.stop();
      System.out.printf(
          "Kafka stopped for %d s: %d commands acknowledged in its first half, %d in its second%n",
          KAFKA_OUTAGE_HALF.multipliedBy(2).toSeconds(), firstHalf, secondHalf);
    } finally {
      infrastructure.startKafka();
    }
    assertThat(firstHalf).as("commands acknowledged in the outage's first half").isPositive();
    assertThat(secondHalf).as("commands acknowledged in the outage's second half").isPositive();
    ExactlyOnce.assertExactlyOnce(
        "Kafka outage", tally, client, system.eventStore(), queryService());
  }

  /** Leaves the shared system whole for the tests that come after, whatever happened. */
  private static void startIfDown(ServiceProcess service) {
    if (!service.isRunning()) {
      service.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
    }
  }

  private CommandLoad startLoad() {
    return CommandLoad.start(client, List.of(system.commandService.baseUri()), CLIENTS);
  }

  private URI queryService() {
    return system.queryService.baseUri();
  }

  /** The company's audit entries query-service holds now. */
  private long auditEntries() throws Exception {
    return client
        .query(queryService(), "/companies/" + client.company() + "/audit?limit=1&count=true")
        .get("totalItems")
        .asLong();
  }
}
