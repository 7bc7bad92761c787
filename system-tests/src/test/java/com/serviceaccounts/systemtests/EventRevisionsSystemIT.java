package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceaccounts.testsupport.PreviousReleaseEvents;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import com.serviceaccounts.testsupport.TopicReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Events change by revision without breaking anyone: events a previous release stored (revision 1)
 * replay to the same projections and audit trail, and a consumer outside the services needs nothing
 * but the published contract.
 */
class EventRevisionsSystemIT extends ACompanyOnTheRunningSystem {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An account's history as a previous release stored it: every event type's revision-1 example
   * (the contract's {@code events/examples/}), in an order the account's life allows, in
   * command-service's event store with no revision recorded. command-service publishes them at the
   * current revision, query-service builds the account and its audit trail from them, and a rebuild
   * from the event store gives the same again, the audit chain verifying each time.
   */
  @Test
  void eventsAPreviousReleaseStoredReplayToTheSameProjectionsAndAuditTrail() throws Exception {
    String account = UUID.randomUUID().toString();
    List<String> history =
        List.of(
            "ServiceAccountCreated",
            "ServiceAccountEdited",
            "ServiceAccountPermissionsChanged",
            "ClientSecretRotated",
            "ServiceAccountDeactivated",
            "ServiceAccountDeleted",
            "ServiceAccountRestored",
            "ServiceAccountReactivated");
    try (Connection connection = commandDatabase()) {
      for (int i = 0; i < history.size(); i++) {
        PreviousReleaseEvents.store(
            connection,
            company,
            account,
            i,
            (ObjectNode) example(history.get(i) + ".v1.json"),
            "com.serviceaccounts.events.serviceaccount." + history.get(i),
            "previous-release-" + i,
            "2026-11-28T10:15:3" + i + ".123456Z");
      }
    }

    JsonNode live = awaitAccount(account, history.size());
    String trail = client.accounts() + "/" + account + "/audit?limit=500";
    JsonNode liveTrail = query(trail).get("items");
    assertThat(liveTrail).hasSize(history.size());
    List<String> types = new ArrayList<>();
    liveTrail.forEach(entry -> types.add(0, entry.get("type").asText()));
    assertThat(types).isEqualTo(history);
    // The sealed email crossed the rename: the creation's entry still has the contact email, shown
    // as erased because the example's account has no key here.
    JsonNode creation = liveTrail.get(history.size() - 1).get("changes");
    assertThat(creation.at("/contactEmail/erased").asBoolean()).isTrue();
    assertThat(creation.at("/name/after").asText()).isEqualTo("ERP nightly sync");
    assertThat(live.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(live.get("name").asText()).isEqualTo("ERP sync");
    assertThat(query("/companies/" + company + "/audit/verify").get("status").asText())
        .isEqualTo("OK");

    rebuildTheProjections();

    assertThat(query(client.accounts() + "/" + account)).isEqualTo(live);
    assertThat(query(trail).get("items")).isEqualTo(liveTrail);
    JsonNode verified = query("/companies/" + company + "/audit/verify");
    assertThat(verified.get("status").asText()).isEqualTo("OK");
    assertThat(verified.get("entriesChecked").asLong()).isEqualTo(history.size());
  }

  /**
   * The example consumer: a plain Kafka consumer that knows the topic and nothing of this code but
   * the contract query-service serves (the AsyncAPI document: which {@code ce_type}s the topic
   * carries; the schemas: which fields each has). It rebuilds an account's history from the topic,
   * and it is the one query-service's audit trail shows.
   */
  @Test
  void aConsumerWithOnlyThePublishedContractRebuildsAnAccountsHistory() throws Exception {
    HttpResponse<String> created =
        command("POST", client.accounts(), CompanyClient.newAccount("Contract", "CUSTOM", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String account = JSON.readTree(created.body()).get("id").asText();
    String path = client.accounts() + "/" + account;
    assertThat(command("PATCH", path, Map.of("name", "Contract, renamed")).statusCode())
        .isEqualTo(200);
    assertThat(command("PATCH", path + "/permissions", Map.of("reports", "STANDARD")).statusCode())
        .isEqualTo(200);
    assertThat(command("POST", path + "/secret-rotations", Map.of()).statusCode()).isEqualTo(200);
    assertThat(command("POST", path + "/deactivation", Map.of()).statusCode()).isEqualTo(200);
    JsonNode shown = awaitAccount(account, 5);

    ContractConsumer consumer =
        new ContractConsumer(
            JSON.readTree(
                get(system.queryService.baseUri().resolve("/events/asyncapi.json")).body()));
    List<ContractConsumer.Entry> history =
        consumer.history(
            TopicReader.every(
                TestInfrastructure.get().kafkaBootstrapServers(), system.eventTopic()),
            company,
            account);

    JsonNode trail = query(path + "/audit?limit=500").get("items");
    List<String> expected = new ArrayList<>();
    trail.forEach(
        entry ->
            expected.add(
                0,
                entry.get("version").asLong()
                    + " "
                    + entry.get("type").asText()
                    + " by "
                    + entry.get("actor").asText()));
    assertThat(history.stream().map(ContractConsumer.Entry::toString)).isEqualTo(expected);
    assertThat(consumer.name).isEqualTo(shown.get("name").asText());
    assertThat(consumer.status).isEqualTo(shown.get("status").asText());
    assertThat(consumer.secretNumber).isEqualTo(2);
    assertThat(consumer.sealedContactEmail).startsWith("pd1:");
  }

  /**
   * What a team outside the services would write: Kafka records in, the account's history and a
   * little of its state out, knowing only the contract.
   */
  static final class ContractConsumer {

    record Entry(long version, String type, String actor) {
      @Override
      public String toString() {
        return version + " " + type + " by " + actor;
      }
    }

    private final Set<String> knownTypes = new HashSet<>();
    String name;
    String status;
    int secretNumber;
    String sealedContactEmail;

    ContractConsumer(JsonNode asyncApi) {
      for (JsonNode message : asyncApi.at("/channels/serviceAccountEvents/messages")) {
        String id = message.get("$ref").asText().substring("#/".length());
        asyncApi.at("/" + id).findValues("ce_type").stream()
            .filter(type -> type.has("const"))
            .forEach(type -> knownTypes.add(type.get("const").asText()));
      }
    }

    /** The account's events, by the record key (company) and {@code ce_subject} (account). */
    List<Entry> history(List<ConsumerRecord<String, byte[]>> records, UUID company, String account)
        throws Exception {
      List<ConsumerRecord<String, byte[]>> its =
          records.stream()
              .filter(record -> record.key().equals(company.toString()))
              .filter(record -> account.equals(header(record, "ce_subject")))
              .sorted(
                  Comparator.comparingLong(
                      record -> Long.parseLong(header(record, "ce_accountversion"))))
              .toList();
      List<Entry> history = new ArrayList<>();
      long seen = 0;
      for (ConsumerRecord<String, byte[]> record : its) {
        long version = Long.parseLong(header(record, "ce_accountversion"));
        if (version == seen) {
          continue; // delivered again: at least once
        }
        String type = header(record, "ce_type");
        if (!knownTypes.contains(type)) {
          throw new IllegalStateException("not in the contract: " + type);
        }
        apply(type, JSON.readTree(record.value()));
        // com.serviceaccounts.<EventType>.v<revision>
        String name = type.substring("com.serviceaccounts.".length(), type.lastIndexOf(".v"));
        history.add(new Entry(version, name, header(record, "ce_actor")));
        seen = version;
      }
      return history;
    }

    private void apply(String type, JsonNode data) {
      switch (type) {
        case "com.serviceaccounts.ServiceAccountCreated.v2" -> {
          name = data.get("name").asText();
          status = "ACTIVE";
          secretNumber = 1;
          sealedContactEmail = data.get("sealedContactEmail").asText();
        }
        // An earlier release's record: revision 1 named the field encryptedContactEmail.
        case "com.serviceaccounts.ServiceAccountCreated.v1" -> {
          name = data.get("name").asText();
          status = "ACTIVE";
          secretNumber = 1;
          sealedContactEmail = data.get("encryptedContactEmail").asText();
        }
        case "com.serviceaccounts.ServiceAccountEdited.v1" -> {
          if (data.has("name")) {
            name = data.at("/name/after").asText();
          }
        }
        case "com.serviceaccounts.ClientSecretRotated.v1" ->
            secretNumber = data.get("secretNumber").asInt();
        case "com.serviceaccounts.ServiceAccountDeactivated.v1" -> status = "DEACTIVATED";
        case "com.serviceaccounts.ServiceAccountReactivated.v1" -> status = "ACTIVE";
        case "com.serviceaccounts.ServiceAccountDeleted.v1" -> status = "DELETED";
        case "com.serviceaccounts.ServiceAccountRestored.v1" ->
            status = data.get("status").asText();
        default -> {
          // the other types change nothing this consumer keeps
        }
      }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
      Header header = record.headers().lastHeader(key);
      return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
  }

  /** Loses query-service's projections and rebuilds them from the event store, as an operator. */
  private void rebuildTheProjections() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    try (var connection = infrastructure.superuserDataSource("query_service").getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE service_account, purged_service_account, audit_entry, audit_chain_head,"
              + " company_event_position");
    }
    String operator = TestTokens.operator();
    URI projections = system.queryService.baseUri().resolve("/actuator/projections");
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(projections)
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", operator)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    JSON.readTree(
                        http.send(
                                HttpRequest.newBuilder(projections)
                                    .header("Authorization", operator)
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body()),
                status -> !status.get("state").asText().equals("RUNNING"));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
  }

  private Connection commandDatabase() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    return infrastructure.superuserDataSource("command_service").getConnection();
  }

  private static JsonNode example(String name) throws Exception {
    try (var in =
        EventRevisionsSystemIT.class
            .getClassLoader()
            .getResourceAsStream("events/examples/" + name)) {
      return JSON.readTree(in);
    }
  }

  private JsonNode awaitAccount(String id, long version) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HttpResponse<String> response =
                  client.rawQuery(system.queryService.baseUri(), client.accounts() + "/" + id);
              return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            },
            account -> account != null && account.get("version").asLong() >= version);
  }

  private JsonNode query(String path) throws Exception {
    return client.query(system.queryService.baseUri(), path);
  }

  private HttpResponse<String> command(String method, String path, Map<String, Object> body)
      throws Exception {
    return client.command(system.commandService.baseUri(), method, path, body);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
