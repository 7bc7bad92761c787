package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.systemtests.CommandLoad.Tally;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two command-service and two query-service instances on one PostgreSQL and one Kafka — the same
 * databases, topic and consumer group — with one instance of each killed (SIGKILL) under load. The
 * survivors take over: the publisher's segments once the dead instance's token claims time out, the
 * partitions once the consumer group rebalances (at the latest after the session timeout). Runs
 * only with {@code -Dfaults.long=true}: it starts a system of its own and waits out both.
 */
@EnabledIfSystemProperty(named = "faults.long", matches = "true")
class MultiInstanceIT {

  /**
   * Companies, one client each: a company's events go through one publisher segment and one
   * partition, so several companies spread over both instances' segments and partitions.
   */
  private static final int COMPANIES = 8;

  private static final Duration LOAD_PHASE = Duration.ofSeconds(10);

  @Test
  void theSurvivingInstancesPublishAndProjectEveryEventExactlyOnce() throws Exception {
    try (RunningSystem system =
        RunningSystem.builder().isolated().commandServices(2).queryServices(2).start()) {
      EventStore eventStore = system.eventStore();
      List<URI> commandServices =
          system.commandServices.stream().map(ServiceProcess::baseUri).toList();
      List<CompanyClient> companies = new ArrayList<>();
      List<CommandLoad> loads = new ArrayList<>();
      List<Tally> tallies = new ArrayList<>();
      ServiceProcess survivingCommand;
      ServiceProcess survivingQuery;
      try {
        for (int company = 0; company < COMPANIES; company++) {
          CompanyClient client = new CompanyClient(UUID.randomUUID());
          companies.add(client);
          loads.add(CommandLoad.start(client, commandServices, 1));
        }
        for (CommandLoad load : loads) {
          load.runFor(LOAD_PHASE.dividedBy(COMPANIES), 5);
        }
        // The instances killed are those that did the work: the command-service instance holding
        // the publisher's first segment, the query-service instance that applied more events.
        Map<Integer, String> segmentOwners = eventStore.publisherSegmentOwners();
        ServiceProcess killedCommand =
            system.commandServices.stream()
                .filter(service -> isProcess(segmentOwners.get(0), service))
                .findFirst()
                .orElseThrow();
        Map<ServiceProcess, Long> applied = new LinkedHashMap<>();
        for (ServiceProcess service : system.queryServices) {
          applied.put(service, eventsConsumed(service));
        }
        ServiceProcess killedQuery =
            Collections.max(applied.entrySet(), Map.Entry.comparingByValue()).getKey();
        System.out.printf(
            "before the kill: publisher segments %s (%s), events consumed %s%n",
            segmentOwners,
            system.commandServices.stream()
                .map(service -> service.pid() + " is " + service.label())
                .collect(Collectors.joining(", ")),
            applied);
        assertThat(applied.get(killedQuery))
            .as("events consumed by the query-service instance to be killed")
            .isPositive();
        survivingCommand = other(system.commandServices, killedCommand);
        survivingQuery = other(system.queryServices, killedQuery);
        killedCommand.kill();
        killedQuery.kill();
        for (CommandLoad load : loads) {
          load.sendTo(List.of(survivingCommand.baseUri()));
        }
        for (CommandLoad load : loads) {
          load.runFor(LOAD_PHASE.dividedBy(COMPANIES), 5);
        }
        for (CommandLoad load : loads) {
          tallies.add(load.stop());
        }
      } finally {
        loads.forEach(CommandLoad::close);
      }

      for (int company = 0; company < COMPANIES; company++) {
        ExactlyOnce.assertExactlyOnce(
            "two instances each, one killed, company " + (company + 1),
            tallies.get(company),
            companies.get(company),
            eventStore,
            survivingQuery.baseUri());
      }
      Map<Integer, String> owners =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  eventStore::publisherSegmentOwners,
                  segments ->
                      segments.values().stream()
                          .allMatch(owner -> isProcess(owner, survivingCommand)));
      System.out.printf("publisher segments after the kill: %s%n", owners);
      assertThat(owners).isNotEmpty();
    }
  }

  private static ServiceProcess other(List<ServiceProcess> two, ServiceProcess one) {
    return two.get(0) == one ? two.get(1) : two.get(0);
  }

  /** The events the query-service instance took from Kafka, applied or skipped as duplicates. */
  private static long eventsConsumed(ServiceProcess queryService) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(queryService.baseUri().resolve("/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Math.round(
        metrics
            .body()
            .lines()
            .filter(line -> line.startsWith("service_accounts_events_consumed_total{"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum());
  }

  private static boolean isProcess(String tokenOwner, ServiceProcess service) {
    return tokenOwner != null && tokenOwner.startsWith(service.pid() + "@");
  }
}
