package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ParkedRecordHeadersTest {

  @Test
  void keepsTheChosenHeadersInOrderWithTheirValuesAndNamesTheParkedRow() {
    RecordHeaders received = new RecordHeaders();
    received.add("ce_id", utf8("42"));
    received.add("ce_type", utf8("com.serviceaccounts.ServiceAccountCreated.v1"));
    received.add("kafka_dlt-exception-message", utf8("refused"));
    received.add("empty", null);
    received.add(ParkedRecordHeaders.PARKED_ID, utf8("query-service:7"));

    RecordHeaders redriven =
        ParkedRecordHeaders.forRedrive(
            ParkedRecordHeaders.encode(received, key -> !key.startsWith("kafka_dlt-")),
            "query-service",
            12);

    assertThat(redriven.toArray())
        .extracting(header -> header.key())
        .containsExactly("ce_id", "ce_type", "empty", ParkedRecordHeaders.PARKED_ID);
    assertThat(redriven.lastHeader("ce_type").value())
        .isEqualTo(utf8("com.serviceaccounts.ServiceAccountCreated.v1"));
    assertThat(redriven.lastHeader("empty").value()).isNull();
    assertThat(ParkedRecordHeaders.parkedId(redriven, "query-service")).isEqualTo(12L);
  }

  @Test
  void aRecordAnotherConsumerReDroveIsNotOneOfOurs() {
    // Both consumers of the event topic read what either re-drives; their tables number apart.
    RecordHeaders byTokenService = ParkedRecordHeaders.forRedrive(null, "token-service", 54);
    assertThat(ParkedRecordHeaders.parkedId(byTokenService, "token-service")).isEqualTo(54L);
    assertThat(ParkedRecordHeaders.parkedId(byTokenService, "query-service")).isNull();
    assertThat(ParkedRecordHeaders.parkedId(byTokenService, "token")).isNull();
  }

  @Test
  void aRecordWithoutTheHeaderOrWithAForeignValueWasNotReDriven() {
    assertThat(ParkedRecordHeaders.parkedId(new RecordHeaders(), "query-service")).isNull();
    for (String value : List.of("not a number", "54", "query-service:", "query-service:x")) {
      RecordHeaders foreign = new RecordHeaders();
      foreign.add(ParkedRecordHeaders.PARKED_ID, utf8(value));
      assertThat(ParkedRecordHeaders.parkedId(foreign, "query-service")).as(value).isNull();
    }
    assertThat(
            ParkedRecordHeaders.parkedId(
                ParkedRecordHeaders.forRedrive(null, "query-service", 3), "query-service"))
        .isEqualTo(3);
  }

  @Test
  void aCopyHasTheSameHeadersButForTheParkedRowItNames() {
    RecordHeaders deactivated = new RecordHeaders();
    deactivated.add("ce_type", utf8("com.serviceaccounts.ServiceAccountDeactivated.v1"));
    deactivated.add("ce_accountversion", utf8("2"));
    byte[] received = ParkedRecordHeaders.encode(deactivated, key -> true);
    byte[] copy =
        ParkedRecordHeaders.encode(
            ParkedRecordHeaders.forRedrive(received, "query-service", 7), key -> true);
    byte[] copyOfACopy =
        ParkedRecordHeaders.encode(
            ParkedRecordHeaders.forRedrive(copy, "token-service", 9), key -> true);
    assertThat(ParkedRecordHeaders.sameRecord(received, copy)).isTrue();
    assertThat(ParkedRecordHeaders.sameRecord(copyOfACopy, received)).isTrue();
    RecordHeaders putBack = ParkedRecordHeaders.forRedrive(received, "query-service", 7);
    putBack.add(ParkedRecordHeaders.REPLAYED_FROM, utf8("events.DLT-0@4"));
    assertThat(
            ParkedRecordHeaders.sameRecord(ParkedRecordHeaders.encode(putBack, key -> true), copy))
        .isTrue();

    // Another event of the account, whose value may be the same: its type and version differ.
    RecordHeaders reactivated = new RecordHeaders();
    reactivated.add("ce_type", utf8("com.serviceaccounts.ServiceAccountReactivated.v1"));
    reactivated.add("ce_accountversion", utf8("3"));
    byte[] other = ParkedRecordHeaders.encode(reactivated, key -> true);
    assertThat(ParkedRecordHeaders.sameRecord(received, other)).isFalse();
    assertThat(ParkedRecordHeaders.sameRecord(copy, other)).isFalse();
    assertThat(ParkedRecordHeaders.sameRecord(null, received)).isFalse();
    assertThat(ParkedRecordHeaders.sameRecord(null, new byte[] {0, 0, 0, 0})).isTrue();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
