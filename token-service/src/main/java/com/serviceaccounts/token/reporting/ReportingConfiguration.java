package com.serviceaccounts.token.reporting;

import com.serviceaccounts.events.EventJson;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The topics the token service writes to (created at start-up if missing; whoever creates them
 * first wins) and the producer that writes {@link EventJson} documents to them.
 */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

  @Bean
  NewTopic securityTopic(ReportingProperties properties) {
    return TopicBuilder.name(properties.securityTopic())
        .partitions(properties.partitions())
        .build();
  }

  @Bean
  NewTopic usageTopic(ReportingProperties properties) {
    return TopicBuilder.name(properties.usageTopic()).partitions(properties.partitions()).build();
  }

  @Bean
  KafkaTemplate<Object, Object> reportTemplate(ProducerFactory<Object, Object> producerFactory) {
    return new KafkaTemplate<>(
        producerFactory,
        Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  @Bean
  ReportSender reportSender(KafkaTemplate<Object, Object> reportTemplate) {
    return new ReportSender(reportTemplate, EventJson.newMapper());
  }
}
