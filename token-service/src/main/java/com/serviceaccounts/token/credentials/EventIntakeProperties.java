package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventTopic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the events come from and what happens to the ones that fail.
 *
 * @param topic the event topic; this service's dead-letter topic is {@code
 *     <topic>.token-service.DLT}
 * @param retry the back-off for records that fail: without limit for a reason that may pass (a
 *     version gap, the database being down), a few attempts for one that will not (the database
 *     refusing the data) before the record is parked ({@link ParkedEvents})
 */
@ConfigurationProperties("service-accounts.events")
record EventIntakeProperties(
    @DefaultValue(EventTopic.DEFAULT_NAME) String topic, @DefaultValue Retry retry) {

  static final String DEAD_LETTER_SUFFIX = ".token-service.DLT";

  String deadLetterTopic() {
    return topic + DEAD_LETTER_SUFFIX;
  }

  /**
   * @param initialInterval the wait before the first retry, doubled on each further attempt
   * @param maxInterval the longest wait between two attempts
   * @param lastingAttempts the attempts, {@code initialInterval} apart, at a record that fails for
   *     a reason that will not pass, before it is parked
   */
  record Retry(
      @DefaultValue("1s") Duration initialInterval,
      @DefaultValue("30s") Duration maxInterval,
      @DefaultValue("3") int lastingAttempts) {}
}
