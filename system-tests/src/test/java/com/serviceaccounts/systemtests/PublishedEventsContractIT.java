package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.contract.EventContract;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every record the system tests made the services publish is a message of the published contract:
 * read back from each topic after the other test classes ran, each validated against the schema of
 * its channel and type (value and CloudEvents headers), as command-service serves the contract.
 */
@Order(Integer.MAX_VALUE)
class PublishedEventsContractIT {

  @Test
  void everyEventPublishedDuringTheSystemTestsIsAMessageOfThePublishedContract() throws Exception {
    RunningSystem system = RunningSystem.shared();
    // At least this account's events, when the class runs alone.
    CompanyClient client = new CompanyClient(UUID.randomUUID());
    var created =
        client.command(
            system.commandService.baseUri(),
            "POST",
            client.accounts(),
            CompanyClient.newAccount("Contract", "CUSTOM", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    EventContract contract =
        EventContract.servedAt(system.commandService.baseUri().resolve("/events/"));
    List<String> violations = new ArrayList<>();
    Map<String, Integer> checked = new HashMap<>();
    for (String topic : RunningSystem.eventTopics()) {
      for (ConsumerRecord<String, byte[]> record :
          TopicReader.every(TestInfrastructure.get().kafkaBootstrapServers(), topic)) {
        check(contract, EventTopic.DEFAULT_NAME, record, violations, checked);
      }
    }
    for (String topic : List.of(EventTopic.SECURITY_NAME, EventTopic.USAGE_NAME)) {
      for (ConsumerRecord<String, byte[]> record :
          TopicReader.every(TestInfrastructure.get().kafkaBootstrapServers(), topic)) {
        check(contract, topic, record, violations, checked);
      }
    }
    System.out.printf("records checked against the published contract: %s%n", checked);

    assertThat(violations).isEmpty();
    assertThat(checked).containsKey("com.serviceaccounts.ServiceAccountCreated.v2");
    assertThat(new TreeSet<>(checked.keySet()))
        .noneMatch(type -> type.equals("com.serviceaccounts.ServiceAccountCreated.v1"));
  }

  private static void check(
      EventContract contract,
      String channel,
      ConsumerRecord<String, byte[]> record,
      List<String> violations,
      Map<String, Integer> checked) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    String kind = headers.getOrDefault("ce_type", record.topic());
    checked.merge(kind, 1, Integer::sum);
    contract
        .violations(channel, headers, record.value())
        .forEach(
            violation ->
                violations.add(
                    "%s-%d@%d (%s): %s"
                        .formatted(
                            record.topic(), record.partition(), record.offset(), kind, violation)));
  }
}
