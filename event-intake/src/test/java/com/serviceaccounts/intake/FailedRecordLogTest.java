package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class FailedRecordLogTest {

  @Test
  void aReasonSaysWhatFailedWithoutTheRecordsData() {
    SQLException refused =
        new SQLException(
            "ERROR: index row requires 100056 bytes, maximum size is 8191\n"
                + "  Where: COPY service_account, line 1, column name: \"the record's name\"\n"
                + "  Detail: a detail",
            "54000");
    String reason =
        FailedRecordLog.reason(
            new DataAccessResourceFailureException(
                "ConnectionCallback; " + refused.getMessage(), refused));

    assertThat(reason)
        .contains("DataAccessResourceFailureException", "index row requires 100056 bytes")
        .doesNotContain("the record's name", "Where", "Detail")
        .doesNotContain("\n");
  }

  @Test
  void aReasonLeavesOutTheRowAndTheContextLinesThatQuoteTheData() {
    SQLException refused =
        new SQLException(
            "ERROR: new row for relation \"service_account\" violates check constraint \"c\"\n"
                + "  Detail: Failing row contains (6e6e, Refused by a constraint, alice@acme.example)",
            "23514");
    SQLException nul =
        new SQLException(
            "ERROR: unsupported Unicode escape sequence\n"
                + "  Detail: \\u0000 cannot be converted to text.\n"
                + "  Where: JSON data, line 1: {\"name\":{\"after\":\"Nul...\n"
                + "COPY audit_entry, line 1, column changes: \"{\"name\":\"Nul in the name\"}\"",
            "22P05");

    assertThat(FailedRecordLog.reason(new IllegalStateException("projection", refused)))
        .contains("violates check constraint \"c\"")
        .doesNotContain("Failing row", "alice@acme.example", "Refused by a constraint");
    assertThat(FailedRecordLog.reason(new IllegalStateException("projection", nul)))
        .contains("unsupported Unicode escape sequence")
        .doesNotContain("Nul", "COPY", "in the name");
  }

  /** A record whose value is no JSON, or whose header is no number, is not quoted either. */
  @Test
  void aReasonLeavesOutTheTextTheParsersQuote() {
    Exception notJson;
    try {
      new tools.jackson.databind.ObjectMapper().readTree("sas_QUOTED_SECRET_LIKE_VALUE");
      throw new AssertionError("parsed");
    } catch (tools.jackson.core.JacksonException e) {
      notJson = e;
    }
    Exception notANumber;
    try {
      Long.parseLong("sas_QUOTED_HEADER");
      throw new AssertionError("parsed");
    } catch (NumberFormatException e) {
      notANumber = e;
    }

    assertThat(FailedRecordLog.reason(new IllegalStateException("value", notJson)))
        .contains("Unrecognized token")
        .doesNotContain("QUOTED");
    assertThat(FailedRecordLog.reason(new IllegalStateException("header", notANumber)))
        .contains("NumberFormatException")
        .doesNotContain("QUOTED");
    // An unreadable event repeats its parser's message, which quotes the record's value.
    assertThat(
            FailedRecordLog.reason(
                new UnreadableEventException(
                    "ClientSecretRotated revision 1 is unreadable: " + notJson.getMessage(),
                    notJson)))
        .contains("is unreadable")
        .doesNotContain("QUOTED");
    assertThat(
            FailedRecordLog.reason(
                new UnreadableEventException(
                    "ServiceAccountCreated revision 2 is unreadable: Cannot deserialize value of"
                        + " type `AppType` from String \"RECORD-DATA-QUOTED\"")))
        .doesNotContain("QUOTED");
  }

  /**
   * The values of a record's headers that a message quotes (a forged event id, an unknown type, a
   * time that does not parse) are left out, however long, even where a message quotes them twice.
   */
  @Test
  void aReasonLeavesOutTheRecordsHeaderValues() {
    String id = "x".repeat(100_000);
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("events", 0, 7, "key", null);
    record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_type", "NOT-A-TYPE\u202E".getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_time", "a\u0000b".getBytes(StandardCharsets.UTF_8));

    String reason =
        FailedRecordLog.reason(
            new UnreadableEventException(
                "event "
                    + id
                    + " of type NOT-A-TYPE\u202E is unreadable: Invalid UUID string: "
                    + id,
                new IllegalArgumentException("Invalid value for time: a\u0000b")),
            record);

    assertThat(reason)
        .contains("UnreadableEventException", "is unreadable", "Invalid UUID string")
        .doesNotContain("xxx", "NOT-A-TYPE", "u202E", "u0000");
  }

  /**
   * A header value of a character or two, where a message ends with it, and the numbers and
   * booleans Jackson's messages quote in brackets, are left out too.
   */
  @Test
  void aReasonLeavesOutShortHeaderValuesAndTheValuesJacksonBrackets() throws Exception {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("events", 0, 7, "key", null);
    record.headers().add("ce_id", "\u0000".getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_time", "\u00A0".getBytes(StandardCharsets.UTF_8));
    String reason =
        FailedRecordLog.reason(
            new UnreadableEventException(
                "event (…) is unreadable: Invalid UUID string: \u0000",
                new IllegalArgumentException(
                    "Invalid attribute/extension value for \"time\": \u00A0")),
            record);
    assertThat(reason)
        .contains("Invalid UUID string: (…)")
        .doesNotContain("u0000", "u00A0", "\u00A0");

    Exception outOfRange;
    try {
      new tools.jackson.databind.ObjectMapper()
          .readValue("{\"n\": 9223372036854775808}", Numbered.class);
      throw new AssertionError("parsed");
    } catch (tools.jackson.core.JacksonException e) {
      outOfRange = e;
    }
    assertThat(FailedRecordLog.reason(new IllegalStateException("value", outOfRange), record))
        .contains("out of range")
        .doesNotContain("9223372036854775808");
  }

  record Numbered(int n) {}
}
