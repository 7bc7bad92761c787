package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
    received.add(ParkedRecordHeaders.PARKED_ID, utf8("7"));

    RecordHeaders redriven =
        ParkedRecordHeaders.forRedrive(
            ParkedRecordHeaders.encode(received, key -> !key.startsWith("kafka_dlt-")), 12);

    assertThat(redriven.toArray())
        .extracting(header -> header.key())
        .containsExactly("ce_id", "ce_type", "empty", ParkedRecordHeaders.PARKED_ID);
    assertThat(redriven.lastHeader("ce_type").value())
        .isEqualTo(utf8("com.serviceaccounts.ServiceAccountCreated.v1"));
    assertThat(redriven.lastHeader("empty").value()).isNull();
    assertThat(ParkedRecordHeaders.parkedId(redriven)).isEqualTo(12L);
  }

  @Test
  void aRecordWithoutTheHeaderOrWithAForeignValueWasNotReDriven() {
    assertThat(ParkedRecordHeaders.parkedId(new RecordHeaders())).isNull();
    RecordHeaders foreign = new RecordHeaders();
    foreign.add(ParkedRecordHeaders.PARKED_ID, utf8("not a number"));
    assertThat(ParkedRecordHeaders.parkedId(foreign)).isNull();
    assertThat(ParkedRecordHeaders.parkedId(ParkedRecordHeaders.forRedrive(null, 3))).isEqualTo(3);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
