package com.serviceaccounts.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import org.apache.coyote.CloseNowException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

class CutStreamsTest {

  private static final RuntimeException ENDED =
      new TransactionSystemException(
          "JDBC rollback failed",
          new SQLException(
              "FATAL: terminating connection due to idle-in-transaction timeout", "25P03"));

  private final StreamingResponseBody failing =
      out -> {
        out.write("entry\n".getBytes());
        throw ENDED;
      };

  /** Once the answer has begun its connection is closed: the client sees it cut. */
  @Test
  void aFailureOnceTheAnswerBeganClosesTheConnection() {
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setCommitted(true);

    assertThatThrownBy(
            () ->
                CutStreams.closingOnFailure(response, "audit export", failing)
                    .writeTo(new ByteArrayOutputStream()))
        .isInstanceOf(CloseNowException.class)
        .hasNoCause()
        .satisfies(cut -> assertThat(CutStreams.cut(cut)).isTrue());
  }

  /** Before anything was sent, the failure is answered as any request's is. */
  @Test
  void aFailureBeforeTheAnswerBeganIsTheRequestsOwn() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    assertThatThrownBy(
            () ->
                CutStreams.closingOnFailure(response, "audit export", failing)
                    .writeTo(new ByteArrayOutputStream()))
        .isSameAs(ENDED);
    assertThat(CutStreams.cut(ENDED)).isFalse();
  }
}
