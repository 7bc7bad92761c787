package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.systemtests.CommandLoad.AccountVersion;
import com.serviceaccounts.systemtests.CommandLoad.Tally;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a company's commands left in the event store, the listing and the audit trail, compared with
 * what the clients were answered: every acknowledged command's event is stored; every stored event
 * is either acknowledged or the effect of a request that failed; each account's listing version is
 * its highest stored version; the audit trail holds each stored event exactly once; and the
 * company's hash chain verifies.
 */
final class ExactlyOnce {

  /**
   * How long the query side may take to apply every stored event: after a Kafka outage the
   * publisher's back-off (up to a minute), after a consumer's crash the group's session timeout.
   */
  private static final Duration CATCH_UP_WITHIN = Duration.ofMinutes(4);

  private ExactlyOnce() {}

  /**
   * Waits for query-service to show every stored event, prints what was counted, and asserts.
   *
   * @param test names the test in the printed counts
   */
  static void assertExactlyOnce(
      String test, Tally tally, CompanyClient client, EventStore eventStore, URI queryService)
      throws Exception {
    Map<String, List<Long>> stored = eventStore.versionsByAccount(client.company());
    Set<AccountVersion> storedEvents = new HashSet<>();
    Map<String, Long> highest = new TreeMap<>();
    stored.forEach(
        (account, versions) -> {
          versions.forEach(version -> storedEvents.add(new AccountVersion(account, version)));
          highest.put(account, versions.get(versions.size() - 1));
        });
    Map<String, Long> projected = awaitOrLast(() -> listing(client, queryService), highest::equals);
    List<AccountVersion> audited =
        awaitOrLast(
            () -> auditTrail(client, queryService), trail -> trail.size() >= storedEvents.size());
    JsonNode verification =
        client.query(queryService, "/companies/" + client.company() + "/audit/verify");
    Set<AccountVersion> auditedOnce = new HashSet<>(audited);
    long storedUnacknowledged =
        storedEvents.stream().filter(event -> !tally.acknowledged().contains(event)).count();
    System.out.printf(
        "%s: %s; stored %d events of %d accounts (%d not acknowledged); projected %d accounts, %d"
            + " at their highest stored version; audited %d entries, %d distinct; chain %s, %d"
            + " entries checked%n",
        test,
        tally,
        storedEvents.size(),
        stored.size(),
        storedUnacknowledged,
        projected.size(),
        projected.entrySet().stream()
            .filter(account -> account.getValue().equals(highest.get(account.getKey())))
            .count(),
        audited.size(),
        auditedOnce.size(),
        verification.get("status").asText(),
        verification.get("entriesChecked").asLong());

    assertThat(
            tally.acknowledged().stream().filter(event -> !storedEvents.contains(event)).toList())
        .as("acknowledged commands whose event is not in the event store")
        .isEmpty();
    assertThat(storedUnacknowledged)
        .as("stored events no 2xx answered: at most one per failed request")
        .isLessThanOrEqualTo(tally.failedCount());
    stored.forEach(
        (account, versions) ->
            assertThat(versions)
                .as("stored versions of account %s", account)
                .containsExactlyElementsOf(
                    LongStream.rangeClosed(1, versions.size()).boxed().toList()));
    assertThat(differences(projected, highest))
        .as("accounts whose listing version is not their highest stored version")
        .isEmpty();
    assertThat(duplicates(audited)).as("audit entries that appear more than once").isEmpty();
    assertThat(storedEvents.stream().filter(event -> !auditedOnce.contains(event)).toList())
        .as("stored events missing from the audit trail")
        .isEmpty();
    assertThat(auditedOnce.stream().filter(event -> !storedEvents.contains(event)).toList())
        .as("audit entries of no stored event")
        .isEmpty();
    assertThat(verification.get("status").asText())
        .as("audit chain verification %s", verification)
        .isEqualTo("OK");
    assertThat(verification.get("entriesChecked").asLong()).isEqualTo(storedEvents.size());
  }

  /** Every account of the company in the listing, whatever its status, with its version. */
  private static Map<String, Long> listing(CompanyClient client, URI queryService)
      throws Exception {
    Map<String, Long> versions = new TreeMap<>();
    int pages = 1;
    for (int page = 0; page < pages; page++) {
      JsonNode body =
          client.query(
              queryService,
              client.accounts() + "?status=ACTIVE,DEACTIVATED,DELETED&size=200&page=" + page);
      body.get("items")
          .forEach(item -> versions.put(item.get("id").asText(), item.get("version").asLong()));
      pages = body.get("totalPages").asInt();
    }
    return versions;
  }

  /** The company's whole audit trail, page by page, as the account and version of each entry. */
  private static List<AccountVersion> auditTrail(CompanyClient client, URI queryService)
      throws Exception {
    List<AccountVersion> entries = new ArrayList<>();
    String trail = "/companies/" + client.company() + "/audit?limit=500";
    String page = trail;
    while (page != null) {
      JsonNode body = client.query(queryService, page);
      body.get("items")
          .forEach(
              entry ->
                  entries.add(
                      new AccountVersion(
                          entry.get("accountId").asText(), entry.get("version").asLong())));
      page =
          body.path("nextCursor").isTextual()
              ? trail + "&cursor=" + body.get("nextCursor").asText()
              : null;
    }
    return entries;
  }

  private static List<String> differences(Map<String, Long> projected, Map<String, Long> stored) {
    Set<String> accounts = new HashSet<>(projected.keySet());
    accounts.addAll(stored.keySet());
    return accounts.stream()
        .filter(account -> !Objects.equals(projected.get(account), stored.get(account)))
        .map(
            account ->
                account
                    + ": listing version "
                    + projected.get(account)
                    + ", highest stored "
                    + stored.get(account))
        .sorted()
        .toList();
  }

  private static Map<AccountVersion, Long> duplicates(List<AccountVersion> entries) {
    return entries.stream()
        .collect(Collectors.groupingBy(entry -> entry, Collectors.counting()))
        .entrySet()
        .stream()
        .filter(entry -> entry.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /**
   * Reads until {@code done} holds or {@link #CATCH_UP_WITHIN} passes, and returns the last read
   * either way: the assertions then say what is missing.
   */
  private static <T> T awaitOrLast(Callable<T> read, Predicate<T> done) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      await()
          .atMost(CATCH_UP_WITHIN)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () -> {
                last.set(read.call());
                return done.test(last.get());
              });
    } catch (ConditionTimeoutException e) {
      System.out.println("the query side did not catch up within " + CATCH_UP_WITHIN);
    }
    assertThat(last.get()).as("query-service's answer").isNotNull();
    return last.get();
  }
}
