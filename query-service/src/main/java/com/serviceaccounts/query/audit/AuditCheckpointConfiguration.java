package com.serviceaccounts.query.audit;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/** Signed checkpoints: the keys and the rounds that make them. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AuditCheckpointProperties.class)
class AuditCheckpointConfiguration {

  @Bean
  CheckpointKeys checkpointKeys(AuditCheckpointProperties properties) {
    return new CheckpointKeys(properties);
  }

  @Bean
  AuditCheckpoints auditCheckpoints(
      CheckpointRepository checkpoints,
      StoredChains chains,
      CheckpointKeys keys,
      CheckpointTopic topic,
      TransactionTemplate transaction) {
    return new AuditCheckpoints(checkpoints, chains, keys, topic, transaction, Clock.systemUTC());
  }
}
