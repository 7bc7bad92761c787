package com.serviceaccounts.query;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/** In production the command side creates the event topic; in these tests, this does. */
@TestConfiguration(proxyBeanMethods = false)
class EventTopicOfTheCommandSide {

  @Bean
  NewTopic eventTopic() {
    return TopicBuilder.name(QueryServiceIntegrationTest.TOPIC).partitions(3).replicas(1).build();
  }
}
