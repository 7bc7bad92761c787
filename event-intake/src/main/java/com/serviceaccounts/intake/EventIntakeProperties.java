package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventTopic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the events come from and what happens to the ones that fail.
 *
 * @param topic the event topic; its dead-letter topic is {@code <topic><dead-letter.suffix>}
 * @param deadLetter how to name and create the dead-letter topics
 * @param retry the back-off for records that fail: without limit while the database is down, up to
 *     {@code gap-wait} for a record whose predecessor has not arrived, a few attempts for one that
 *     will not pass (a constraint it violates), none for data the database refuses as such, before
 *     the record is parked ({@link ParkedRecords})
 * @param commitInterval how often an event-topic listener commits its consumer's offsets at most
 *     ({@link EventTopicListener})
 */
@ConfigurationProperties("service-accounts.events")
public record EventIntakeProperties(
    @DefaultValue(EventTopic.DEFAULT_NAME) String topic,
    @DefaultValue DeadLetter deadLetter,
    @DefaultValue Retry retry,
    @DefaultValue("1s") Duration commitInterval) {

  public String deadLetterTopic() {
    return deadLetterTopic(topic);
  }

  /** The dead-letter topic of any topic this service consumes. */
  public String deadLetterTopic(String consumed) {
    return consumed + deadLetter.suffix();
  }

  /**
   * @param suffix what the name of a dead-letter topic adds to its topic's: {@code .DLT}, or one
   *     naming the service where two services consume the same topic
   * @param partitions partitions of a dead-letter topic
   * @param replicas its replication factor; the broker's default when not set
   */
  public record DeadLetter(
      @DefaultValue(".DLT") String suffix, @DefaultValue("1") int partitions, Short replicas) {}

  /**
   * @param initialInterval the wait before the first retry, doubled on each further attempt
   * @param maxInterval the longest wait between two attempts: how long after its database is back a
   *     record that failed while it was away may still wait
   * @param lastingAttempts the attempts, {@code initialInterval} apart, at a record that fails for
   *     a reason that will not pass (a constraint it violates, a bug it triggers), before it is
   *     parked; one whose data the database refuses as such is parked at its first failure
   * @param gapWait how long, back-off after back-off, a record whose predecessor is missing (a
   *     version gap) is retried before it is parked and holds only its own company (or account): a
   *     company's records arrive in order on its partition, so a predecessor that has not come by
   *     then was lost or never existed, and waiting longer would hold every company whose records
   *     this consumer reads
   */
  public record Retry(
      @DefaultValue("1s") Duration initialInterval,
      @DefaultValue("2s") Duration maxInterval,
      @DefaultValue("3") int lastingAttempts,
      @DefaultValue("10s") Duration gapWait) {}
}
