package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventTopic;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A projection's listener of the event topic: a poll at a time ({@link EventPoll}), on the topic
 * that {@code service-accounts.events.topic} names, with a group of its own service's, committing
 * its offsets and fetching as {@link EventTopicConsumers} says.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@KafkaListener(
    idIsGroup = false,
    batch = "true",
    topics = "${service-accounts.events.topic:" + EventTopic.DEFAULT_NAME + "}",
    containerPostProcessor = EventTopicListener.OFFSET_COMMITS)
public @interface EventTopicListener {

  /** The name of the bean that sets how the listener's consumer commits its offsets and fetches. */
  String OFFSET_COMMITS = "eventTopicOffsetCommits";

  @AliasFor(annotation = KafkaListener.class, attribute = "id")
  String id();
}
