package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
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
        .contains(
            "DataAccessResourceFailureException",
            "index row requires 100056 bytes",
            "Detail: a detail")
        .doesNotContain("the record's name", "Where")
        .doesNotContain("\n");
  }
}
