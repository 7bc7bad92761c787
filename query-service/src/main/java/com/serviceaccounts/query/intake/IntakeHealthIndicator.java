package com.serviceaccounts.query.intake;

import com.serviceaccounts.intake.EventIntakeProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/intake}: the event topic's consumer lag per partition (records on Kafka
 * not yet projected here) and the projection rebuild's state. DOWN when Kafka does not answer
 * within 2 s (reads are still served, from projections that stop moving) or when the last rebuild
 * failed. Not part of readiness or liveness: neither a restart nor taking the instance out of
 * service would help.
 */
@Component("intake")
class IntakeHealthIndicator implements HealthIndicator, DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final KafkaAdmin kafka;
  private final EventIntakeProperties properties;
  private final ProjectionRebuild rebuild;
  private final String groupId;
  private Admin admin;

  IntakeHealthIndicator(
      KafkaAdmin kafka,
      EventIntakeProperties properties,
      ProjectionRebuild rebuild,
      @Value("${spring.kafka.consumer.group-id}") String groupId) {
    this.kafka = kafka;
    this.properties = properties;
    this.rebuild = rebuild;
    this.groupId = groupId;
  }

  @Override
  public Health health() {
    RebuildStatus rebuilding = rebuild.status();
    Map<String, Object> rebuildDetail = new LinkedHashMap<>();
    rebuildDetail.put("state", rebuilding.state());
    rebuildDetail.put("eventsApplied", rebuilding.eventsApplied());
    try {
      Admin admin = admin();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(properties.topic()))
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(properties.topic())
              .partitions()
              .stream()
              .map(partition -> new TopicPartition(properties.topic(), partition.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream()
                      .collect(Collectors.toMap(partition -> partition, p -> OffsetSpec.latest())))
              .all()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Long> lag = new LinkedHashMap<>();
      long total = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata position = committed.get(partition);
        long behind = ends.get(partition).offset() - (position == null ? 0 : position.offset());
        lag.put(Integer.toString(partition.partition()), behind);
        total += behind;
      }
      Health.Builder health = rebuilding.state().equals("FAILED") ? Health.down() : Health.up();
      return health
          .withDetail("topic", properties.topic())
          .withDetail("consumerGroup", groupId)
          .withDetail("lag", total)
          .withDetail("lagByPartition", lag)
          .withDetail("rebuild", rebuildDetail)
          .build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Health.down()
          .withDetail("topic", properties.topic())
          .withDetail("kafka", "no answer within " + TIMEOUT.toSeconds() + " s: " + e)
          .withDetail("rebuild", rebuildDetail)
          .build();
    }
  }

  /** One client for every check, made at the first: it reconnects by itself after an outage. */
  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(kafka.getConfigurationProperties());
    }
    return admin;
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close(TIMEOUT);
    }
  }
}
