package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedRecords;
import com.serviceaccounts.intake.PollAdmission;
import com.serviceaccounts.intake.PollTransactions;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    Supplier<PollAdmission> admitted =
        PollAdmission.onFirstUse(records, events, EventEnvelope::accountId, parked);
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
    poll.throwIfStopped(progress.waiting(), progress.through());
  }

  /**
   * Applies the admitted events among {@code [from, to)} in a transaction, closing the parked
   * events re-driven among those applied, then wakes the waiters of the clients that changed.
   */
  private PollTransactions.Progress applyInTransaction(
      List<EventEnvelope> events, int from, int to, Supplier<PollAdmission> admission) {
    CredentialsProjection.Applied applied =
        transaction.execute(
            status -> {
              PollAdmission admitted = admission.get();
              int end = Math.min(to, admitted.size());
              if (from >= end) {
                return new CredentialsProjection.Applied(
                    new PollTransactions.Progress(0, admitted.behind()), Map.of());
              }
              CredentialsProjection.Applied done = projection.apply(events.subList(from, end));
              admitted.closeApplied(from, from + done.progress().through(), index -> true, parked);
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
