package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedBehindException;
import com.serviceaccounts.intake.ParkedRecords;
import com.serviceaccounts.intake.PollTransactions;
import io.cloudevents.CloudEvent;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Reads the records of a poll as {@link EventEnvelope}s and applies them to the credentials store
 * in one database transaction ({@link CredentialsProjection}), which also reads the open parked
 * events of their accounts; spring-kafka commits the offsets only after that, so a crash in between
 * redelivers the records, which the projection then ignores. Once the transaction has committed,
 * the token requests waiting for the changed clients are woken ({@link CommittedVersions}).
 *
 * <p>A record that is not a readable event, an event the database refuses, an event of an account
 * with an open parked event ({@link ParkedRecords}, {@link AccountParking}; but for that parked
 * event re-driven, which is applied and closed together) or an event after a gap stops the batch
 * there: the records before it are applied and committed, and it is handed to the error handler by
 * a {@link BatchListenerFailedException} — an unreadable, refused or parked-behind one is parked, a
 * gap is retried with back-off. The records after it are delivered again.
 */
@Component
class CredentialsEventListener {

  private static final Logger log = LoggerFactory.getLogger(CredentialsEventListener.class);

  private final CredentialsProjection projection;
  private final ParkedRecords parked;
  private final TransactionTemplate transaction;
  private final CommittedVersions<String> changes;

  CredentialsEventListener(
      CredentialsProjection projection,
      ParkedRecords parked,
      TransactionTemplate transaction,
      CommittedVersions<String> changes) {
    this.projection = projection;
    this.parked = parked;
    this.transaction = transaction;
    this.changes = changes;
  }

  @EventTopicListener(id = "client-credentials")
  void on(List<ConsumerRecord<String, CloudEvent>> records) {
    EventPoll poll = EventPoll.read(records);
    List<EventEnvelope> events = poll.events();
    // Read in the poll's first transaction; the one-at-a-time fallback after it keeps what it read.
    SingletonSupplier<Admitted> admitted = SingletonSupplier.of(() -> admitted(records, events));
    PollTransactions.Progress progress =
        PollTransactions.apply(
            events.size(),
            PollTransactions.Progress.NONE,
            (from, to) -> applyInTransaction(events, from, to, admitted));
    for (EventEnvelope event : events.subList(0, progress.through())) {
      log.debug(
          "applied {} {} (version {}) of account {}",
          event.type().shortName(),
          event.eventId(),
          event.version(),
          event.accountId());
    }
    if (progress.waiting() != null) {
      throw new BatchListenerFailedException(
          progress.waiting().getMessage(), progress.waiting(), progress.through());
    }
    if (poll.unreadable() != null) {
      throw new BatchListenerFailedException(
          poll.unreadable().getMessage(), poll.unreadable(), events.size());
    }
  }

  /**
   * The events of a poll that may be applied: those before the first of an account with an open
   * parked event, but for that parked event re-driven.
   *
   * @param size how many, from the first
   * @param behind why the next one waits; null if every event may be applied
   * @param redriven the parked row of each re-driven event among them, by index
   */
  private record Admitted(int size, ParkedBehindException behind, Map<Integer, Long> redriven) {}

  private Admitted admitted(
      List<ConsumerRecord<String, CloudEvent>> records, List<EventEnvelope> events) {
    Map<UUID, Deque<Long>> parkedBefore =
        parked.openOf(
            records.get(0).topic(),
            events.stream().map(EventEnvelope::accountId).distinct().toList());
    Map<Integer, Long> redriven = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Deque<Long> waitingFor = parkedBefore.get(events.get(i).accountId());
      if (waitingFor == null || waitingFor.isEmpty()) {
        continue;
      }
      if (waitingFor.peekFirst().equals(ParkedRecords.parkedId(records.get(i)))) {
        // The account's oldest parked event, re-driven: applied and closed together, once.
        redriven.put(i, waitingFor.removeFirst());
      } else {
        return new Admitted(i, parked.behind(events.get(i), waitingFor.peekFirst()), redriven);
      }
    }
    return new Admitted(events.size(), null, redriven);
  }

  /**
   * Applies the admitted events among {@code [from, to)} in a transaction, closing the parked
   * events re-driven among those applied, then wakes the waiters of the clients that changed.
   */
  private PollTransactions.Progress applyInTransaction(
      List<EventEnvelope> events, int from, int to, Supplier<Admitted> admission) {
    CredentialsProjection.Applied applied =
        transaction.execute(
            status -> {
              Admitted admitted = admission.get();
              int end = Math.min(to, admitted.size());
              if (from >= end) {
                return new CredentialsProjection.Applied(
                    new PollTransactions.Progress(0, admitted.behind()), Map.of());
              }
              CredentialsProjection.Applied done = projection.apply(events.subList(from, end));
              admitted
                  .redriven()
                  .forEach(
                      (index, parkedId) -> {
                        if (index >= from && index < from + done.progress().through()) {
                          parked.closeApplied(parkedId);
                        }
                      });
              if (done.progress().waiting() == null && end < to) {
                return new CredentialsProjection.Applied(
                    new PollTransactions.Progress(end - from, admitted.behind()), done.changed());
              }
              return done;
            });
    changes.committed(applied.changed());
    return applied.progress();
  }
}
