package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventIntake;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedRecords;
import io.cloudevents.CloudEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads the records of a poll as {@link EventEnvelope}s and applies them to the credentials store
 * in one database transaction ({@link CredentialsProjection}), which also reads the open parked
 * events of their accounts; spring-kafka commits the offsets only after that, so a crash in between
 * redelivers the records, which the projection then ignores. Once the transaction has committed,
 * the changed clients' kept credentials are dropped ({@link RecentCredentials}) and the token
 * requests waiting for them are woken ({@link CommittedVersions}).
 *
 * <p>An event of an account with an open parked event ({@link ParkedRecords}, {@link
 * AccountParking}; but for that parked event re-driven, which is applied and closed together) is
 * parked behind it in the same transaction. A record that is not a readable event or an event the
 * database refuses stops the batch there: the records before it are applied and committed, and it
 * is handed to the error handler by a {@link BatchListenerFailedException}, which parks it. An
 * event whose predecessor has not been applied holds back its own account only: the other accounts'
 * events of the batch are applied, and the first event that waits is handed to the error handler,
 * which retries it with back-off. The records after the one handed over are delivered again; those
 * applied already are skipped then.
 */
@Component
class CredentialsEventListener {

  private static final Logger log = LoggerFactory.getLogger(CredentialsEventListener.class);

  private final CredentialsProjection projection;
  private final EventIntake intake;
  private final CommittedVersions<String> changes;
  private final RecentCredentials recent;

  CredentialsEventListener(
      CredentialsProjection projection,
      EventIntake intake,
      CommittedVersions<String> changes,
      RecentCredentials recent) {
    this.projection = projection;
    this.intake = intake;
    this.changes = changes;
    this.recent = recent;
  }

  @EventTopicListener(id = "client-credentials")
  void on(List<ConsumerRecord<String, CloudEvent>> records) {
    EventPoll poll = EventPoll.read(records);
    CredentialsProjection.Applied applied =
        intake.apply(
            poll,
            CredentialsProjection.Applied.NONE,
            projection::apply,
            (events, outcome) -> {
              recent.forget(outcome.changed().keySet());
              changes.committed(outcome.changed());
            });
    List<EventEnvelope> events = poll.events();
    for (int i = 0; i < applied.admissions().each().size(); i++) {
      if (applied.admissions().applied(i)) {
        log.debug(
            "applied {} {} (version {}) of account {}",
            events.get(i).type().shortName(),
            events.get(i).eventId(),
            events.get(i).version(),
            events.get(i).accountId());
      }
    }
    poll.throwIfStopped(applied);
  }
}
