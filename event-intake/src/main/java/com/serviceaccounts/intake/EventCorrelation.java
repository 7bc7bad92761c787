package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelopeCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

/**
 * The correlation id of the request that caused an event record, in the SLF4J MDC ({@value
 * #MDC_KEY}, the key command-service logs it under) while the record is handled, so the lines
 * logged meanwhile — applied, skipped, failed, set aside — name the request, as command-service's
 * lines for it do. Read from the CloudEvents header, so it is there even when the value does not
 * deserialize.
 */
public final class EventCorrelation {

  public static final String MDC_KEY = "correlationId";
  static final String HEADER = "ce_" + EventEnvelopeCodec.CORRELATION_ID;

  private EventCorrelation() {}

  /**
   * Puts the record's correlation id in the MDC until the result is closed.
   *
   * @return {@code null} if the record has none (use in try-with-resources, which skips it)
   */
  public static MDC.MDCCloseable inMdc(ConsumerRecord<?, ?> record) {
    Header header = record.headers().lastHeader(HEADER);
    if (header == null || header.value() == null) {
      return null;
    }
    return MDC.putCloseable(MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
  }
}
