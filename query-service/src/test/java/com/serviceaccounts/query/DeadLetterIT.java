package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Records that cannot be read as events are set aside on {@code <topic>.DLT}, with the reason, and
 * the consumer goes on: the next good record on the same partition is still projected.
 */
class DeadLetterIT extends QueryServiceIntegrationTest {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndTheNextGoodRecordIsStillProjected() {
    TestAccount account = TestAccount.inANewCompany();
    String key = account.id.toString();
    var created = account.created("After the bad ones");

    byte[] notACloudEvent = "definitely not an event".getBytes(StandardCharsets.UTF_8);
    feed.publishRaw(key, notACloudEvent);
    feed.publish(
        key,
        CloudEventBuilder.v1(codec.toCloudEvent(created))
            .withId("11111111-1111-1111-1111-111111111111")
            .withData("application/json", "{not json".getBytes(StandardCharsets.UTF_8))
            .build());
    feed.publish(
        key,
        CloudEventBuilder.v1(codec.toCloudEvent(created))
            .withId("22222222-2222-2222-2222-222222222222")
            .withType("com.serviceaccounts.ServiceAccountArchived.v1")
            .build());
    feed.publish(created);

    awaitAccountAtVersion(account, 1);
    assertThat(auditRows(account.id)).isEqualTo(1);

    try (DeadLetters deadLetters =
        new DeadLetters(TestInfrastructure.get().kafkaBootstrapServers(), DEAD_LETTER_TOPIC)) {
      List<ConsumerRecord<String, byte[]>> letters =
          eventually().until(() -> deadLetters.withKey(key), found -> found.size() == 3);

      ConsumerRecord<String, byte[]> undeserializable = letters.get(0);
      assertThat(undeserializable.value()).isEqualTo(notACloudEvent);
      assertThat(header(undeserializable, KafkaHeaders.DLT_EXCEPTION_FQCN))
          .contains("DeserializationException");
      assertThat(header(undeserializable, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);

      ConsumerRecord<String, byte[]> unparseable = letters.get(1);
      assertThat(new String(unparseable.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
      assertThat(header(unparseable, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
          .contains("event 11111111-1111-1111-1111-111111111111")
          .contains("is unreadable");
      assertThat(header(unparseable, "ce_id")).isEqualTo("11111111-1111-1111-1111-111111111111");

      ConsumerRecord<String, byte[]> unknownType = letters.get(2);
      assertThat(header(unknownType, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
          .contains("unknown event type com.serviceaccounts.ServiceAccountArchived.v1");
      assertThat(header(unknownType, "ce_type"))
          .isEqualTo("com.serviceaccounts.ServiceAccountArchived.v1");
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
