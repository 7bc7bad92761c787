package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.testsupport.TestAccount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The events of one poll are applied in one transaction: a duplicate changes nothing, in-order
 * changes of several accounts commit together, and an event after a gap holds back its own account
 * only: the other accounts' events after it are applied with the rest, and the account's own wait
 * until the gap is filled. The open parked events of the poll's accounts are read in that
 * transaction too: a poll takes one connection.
 *
 * <p>The consumer is paused while the events are published, so that they arrive in one poll.
 */
class PollInOneTransactionIT extends TokenServiceIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(PollInOneTransactionIT.class);
  private static final int PARTITION = 1;
  private static final int LATE = 2;

  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired ListenerConnections connections;
  @Autowired MeterRegistry meters;

  @Test
  void aPollCommitsAllButTheEventsOfAnAccountWithAGapInOneTransaction() {
    TestAccount first = TestAccount.inANewCompany();
    TestAccount second = TestAccount.inANewCompany();
    TestAccount gapped = TestAccount.inANewCompany();
    TestAccount behind = TestAccount.inANewCompany();
    EventEnvelope behindCreated = behind.created();
    feed.publish(PARTITION, first.created(), second.created(), gapped.created(), behindCreated);
    eventually().until(() -> version(behind), version -> version == 1);

    EventEnvelope firstDeactivated = first.deactivated();
    EventEnvelope missing = gapped.renamed("Before", "After");
    try {
      inOnePoll(
          behindCreated,
          firstDeactivated,
          firstDeactivated,
          second.renamed("Before", "After"),
          gapped.deactivated(),
          behind.deactivated());

      eventually().until(() -> version(first) == 2 && version(behind) == 2);
      assertThat(transactionOf(second)).isEqualTo(transactionOf(first));
      assertThat(transactionOf(behind)).isEqualTo(transactionOf(first));
      assertThat(version(gapped)).isOne();
    } finally {
      // Behind the waiting event on its partition it would be read only as a retry: another one.
      feed.publish(LATE, missing);
    }
    eventually().until(() -> version(gapped) == 3);
    assertThat(api.tokenWithBasic(first.clientId, first.secret()).status()).isEqualTo(401);
    assertThat(api.tokenWithBasic(behind.clientId, behind.secret()).status()).isEqualTo(401);
  }

  @Test
  void aPollOfCreationsIsOneWritingTransaction() {
    TestAccount known = TestAccount.inANewCompany();
    EventEnvelope knownCreated = known.created();
    feed.publish(PARTITION, knownCreated);
    eventually().until(() -> version(known), version -> version == 1);
    List<TestAccount> accounts = new ArrayList<>();
    List<EventEnvelope> creations = new ArrayList<>(List.of(knownCreated));
    for (int i = 0; i < 200; i++) {
      TestAccount account = TestAccount.inANewCompany();
      accounts.add(account);
      creations.add(account.created());
    }
    long before = transactionIds();
    inOnePoll(creations.toArray(EventEnvelope[]::new));
    TestAccount last = accounts.get(accounts.size() - 1);
    eventually().until(() -> version(last), version -> version == 1);
    // Each writing transaction takes a transaction id; the ids taken here are not the consumer's.
    long writing = transactionIds() - before - 1;
    long transactions = accounts.stream().map(this::transactionOf).distinct().count();
    log.info(
        "{} creations were applied in {} transaction(s); {} writing transaction(s) meanwhile",
        accounts.size(),
        transactions,
        writing);
    assertThat(transactions).isLessThan(accounts.size());
  }

  @Test
  void aPollReadsItsAccountsParkedEventsInItsOneTransaction() {
    TestAccount known = TestAccount.inANewCompany();
    EventEnvelope knownCreated = known.created();
    feed.publish(PARTITION, knownCreated);
    eventually().until(() -> version(known), version -> version == 1);
    List<EventEnvelope> creations = new ArrayList<>(List.of(knownCreated));
    TestAccount last = null;
    for (int i = 0; i < 20; i++) {
      last = TestAccount.inANewCompany();
      creations.add(last.created());
    }
    TestAccount lastCreated = last;
    betweenPolls();
    double pollsBefore = polls();
    long connectionsBefore = connections.taken();

    inOnePoll(creations.toArray(EventEnvelope[]::new));
    eventually().until(() -> version(lastCreated), version -> version == 1);
    betweenPolls();

    double polls = polls() - pollsBefore;
    assertThat(polls).isPositive();
    assertThat(connections.taken() - connectionsBefore).isEqualTo((long) polls);
  }

  /**
   * Publishes the events onto one partition while the consumer is paused. A fetch under way as it
   * pauses may bring the first record alone, in a poll of its own: make it one already applied.
   */
  private void inOnePoll(EventEnvelope... events) {
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    consumer.pause();
    try {
      eventually().until(consumer::isPauseRequested);
      eventually().until(consumer::isContainerPaused);
      feed.publish(PARTITION, events);
    } finally {
      consumer.resume();
    }
  }

  /** Waits until the consumer is between polls, each poll before having returned. */
  private void betweenPolls() {
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    consumer.pause();
    try {
      eventually().until(consumer::isContainerPaused);
    } finally {
      consumer.resume();
    }
  }

  /** The polls the listener has been handed, as spring-kafka times them. */
  private double polls() {
    return meters.find("spring.kafka.listener").timers().stream()
        .filter(timer -> timer.getId().getTag("name").startsWith("client-credentials"))
        .mapToDouble(Timer::count)
        .sum();
  }

  /** The transaction that last wrote the account's row. */
  private String transactionOf(TestAccount account) {
    return jdbc.sql("SELECT xmin::text FROM client_credentials WHERE account_id = ?")
        .param(account.id)
        .query(String.class)
        .single();
  }

  private long transactionIds() {
    return jdbc.sql("SELECT pg_current_xact_id()::text::bigint").query(Long.class).single();
  }
}
