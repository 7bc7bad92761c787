package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.ConsumerOffsets;
import com.serviceaccounts.testsupport.TestAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The credentials' consumer commits its offsets at most once a second, not once a poll, as every
 * event-topic listener does; what it consumed is still committed, a second later.
 */
class OffsetCommitsIT extends TokenServiceIntegrationTest {

  private static final int EVENTS = 30;

  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void pollsOneEventEachAreCommittedAtMostOnceASecondAndAllOfThemInTheEnd() {
    MessageListenerContainer container = listeners.getListenerContainer("client-credentials");
    ConsumerOffsets.Count count = ConsumerOffsets.count(container::metrics);

    // One event at a time, each stored before the next is sent: a poll each.
    for (int i = 0; i < EVENTS; i++) {
      TestAccount account = TestAccount.inANewCompany();
      feed.publish(account.created());
      eventually().until(() -> version(account), version -> version == 1);
    }

    assertThat(count.commits()).isLessThanOrEqualTo(Math.ceil(count.seconds()) + 1);
    // A fetch after a record set aside waits for the one in flight: at most 50 ms, not Kafka's 500.
    assertThat(
            container
                .getContainerProperties()
                .getKafkaConsumerProperties()
                .getProperty("fetch.max.wait.ms"))
        .isEqualTo("50");
    eventually().until(() -> ConsumerOffsets.committedToTheEnd(container.getGroupId(), TOPIC));
  }
}
