package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.ConsumerOffsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The projections' consumer commits its offsets at most once a second, not once a poll: when the
 * broker answers commits slower than polls come, commits sent once a poll queue up in the client
 * without bound and time out together. What it consumed is still committed, a second later.
 */
class ProjectionOffsetCommitsIT extends QueryServiceIntegrationTest {

  private static final String PROJECTIONS = "service-account-projections";

  private static final int EVENTS = 30;

  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void pollsOneEventEachAreCommittedAtMostOnceASecondAndAllOfThemInTheEnd() {
    MessageListenerContainer container = listeners.getListenerContainer(PROJECTIONS);
    ConsumerOffsets.Count count = ConsumerOffsets.count(container::metrics);

    // One event at a time, each visible before the next is sent: a poll each.
    for (int i = 0; i < EVENTS; i++) {
      projectedAccount("One of " + EVENTS);
    }

    assertThat(count.commits()).isLessThanOrEqualTo(Math.ceil(count.seconds()) + 1);
    eventually().until(() -> ConsumerOffsets.committedToTheEnd(container.getGroupId(), TOPIC));
  }
}
