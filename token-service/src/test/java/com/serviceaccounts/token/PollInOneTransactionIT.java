package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestAccount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  @Test
  void eachAccountsEventsInAnyOrderWithCopiesEndAsTheyDoInOrder() {
    long seed = System.nanoTime();
    log.info("delivery orders from seed {}", seed);
    Random random = new Random(seed);
    for (int round = 0; round < 5; round++) {
      List<Operation> history = Operation.history(random, 3 + random.nextInt(12));
      TestAccount inOrder = TestAccount.inANewCompany();
      TestAccount shuffled = TestAccount.inANewCompany();
      TestAccount other = TestAccount.inANewCompany();
      EventEnvelope inOrderCreated = inOrder.created();
      feed.publish(PARTITION, inOrderCreated);
      feed.publish(PARTITION, Operation.events(inOrder, history).toArray(EventEnvelope[]::new));

      List<EventEnvelope> delivered = new ArrayList<>();
      delivered.add(shuffled.created());
      delivered.addAll(Operation.events(shuffled, history));
      EventEnvelope last = delivered.get(delivered.size() - 1);
      for (int copies = random.nextInt(4); copies > 0; copies--) {
        delivered.add(delivered.get(random.nextInt(delivered.size())));
      }
      delivered.add(other.created());
      Collections.shuffle(delivered, random);
      delivered.add(0, inOrderCreated);
      inOnePoll(delivered.toArray(EventEnvelope[]::new));

      long versions = last.version();
      eventually()
          .alias("seed " + seed + ", round " + round)
          .until(() -> version(shuffled) == versions && version(inOrder) == versions);
      eventually().until(() -> version(other) == 1);
      assertThat(row(shuffled)).as("seed %d, round %d", seed, round).isEqualTo(row(inOrder));
      assertThat(
              jdbc.sql("SELECT count(*) FROM parked_event WHERE account_id IN (?, ?)")
                  .param(inOrder.id)
                  .param(shuffled.id)
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  /** What of an account's credentials does not depend on its ids, secrets and times. */
  private List<Object> row(TestAccount account) {
    return jdbc.sql(
            """
            SELECT status, permissions::text, version,
                   (SELECT jsonb_agg(jsonb_build_array(s->'number', s->'expiresAt' IS NULL
                                                       OR s->'expiresAt' = 'null'::jsonb)
                                     ORDER BY (s->>'number')::int)
                      FROM jsonb_array_elements(secrets) s)::text
              FROM client_credentials WHERE account_id = ?
            """)
        .param(account.id)
        .query(
            (result, i) ->
                List.<Object>of(
                    result.getString(1),
                    result.getString(2),
                    result.getLong(3),
                    result.getString(4)))
        .single();
  }

  /** A change of an account after its creation, applied alike to twin accounts. */
  private record Operation(int kind, String tool, PermissionLevel level, Duration overlap) {

    private static final List<String> TOOLS = List.of("admin", "directory", "reports");

    static List<Operation> history(Random random, int length) {
      List<Operation> history = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        history.add(
            new Operation(
                random.nextInt(4),
                TOOLS.get(random.nextInt(TOOLS.size())),
                PermissionLevel.values()[random.nextInt(PermissionLevel.values().length)],
                Duration.ofHours(random.nextInt(3))));
      }
      return history;
    }

    /** The events of the history for the account, its status toggled by every fourth kind. */
    static List<EventEnvelope> events(TestAccount account, List<Operation> history) {
      List<EventEnvelope> events = new ArrayList<>();
      boolean active = true;
      String name = "account " + account.id;
      for (Operation operation : history) {
        switch (operation.kind) {
          case 0 -> {
            String renamed = name + "'";
            events.add(account.renamed(name, renamed));
            name = renamed;
          }
          case 1 -> events.add(account.permissions(operation.tool, operation.level));
          case 2 -> events.add(account.secretRotated(operation.overlap));
          default -> {
            events.add(active ? account.deactivated() : account.reactivated());
            active = !active;
          }
        }
      }
      return events;
    }
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
