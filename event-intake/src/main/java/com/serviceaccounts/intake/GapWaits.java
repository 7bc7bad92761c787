package com.serviceaccounts.intake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * When this consumer first saw each record that waits for its predecessor, so that every such
 * record's gap wait runs from then, together with the others of its poll, and not only once the
 * ones before it on its partition have been parked: a flood of records that each wait for a
 * different predecessor costs the partition one gap wait, not one each. Kept in memory (a restart
 * starts the waits again) and bounded (a record forgotten starts its wait again); spring-kafka's
 * retry state knows only the record it retries.
 */
final class GapWaits {

  static final int MAX_WAITING = 10_000;

  private final Duration gapWait;
  private final long gapWaitNanos;

  private final Map<String, Long> firstSeen =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_WAITING;
        }
      };

  GapWaits(Duration gapWait) {
    this.gapWait = gapWait;
    this.gapWaitNanos = gapWait.toNanos();
  }

  /** Whether the record, which waits now, has waited as long as the gap wait since first seen. */
  synchronized boolean over(ConsumerRecord<?, ?> record) {
    long now = System.nanoTime();
    Long since = firstSeen.putIfAbsent(position(record), now);
    return since != null && now - since >= gapWaitNanos;
  }

  /** Forgets the record: it no longer waits. */
  synchronized void done(ConsumerRecord<?, ?> record) {
    if (!firstSeen.isEmpty()) {
      firstSeen.remove(position(record));
    }
  }

  Duration gapWait() {
    return gapWait;
  }

  private static String position(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
