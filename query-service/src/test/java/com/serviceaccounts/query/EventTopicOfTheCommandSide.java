package com.serviceaccounts.query;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/** In production the command side creates the topics; in these tests, this does. */
@TestConfiguration(proxyBeanMethods = false)
class EventTopicOfTheCommandSide {

  @Bean
  NewTopic eventTopic() {
    return TopicBuilder.name(QueryServiceIntegrationTest.TOPIC).partitions(3).replicas(1).build();
  }

  @Bean
  NewTopic usageTopic() {
    return TopicBuilder.name(QueryServiceIntegrationTest.USAGE_TOPIC)
        .partitions(3)
        .replicas(1)
        .build();
  }

  @Bean
  NewTopic securityTopic() {
    return TopicBuilder.name(QueryServiceIntegrationTest.SECURITY_TOPIC)
        .partitions(3)
        .replicas(1)
        .build();
  }
}
