package com.serviceaccounts.query.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A listener of a side topic whose records are JSON (security entries, usage reports), one record
 * at a time. Its records arrive as text, with no deserializing delegate, so that the listener reads
 * each with {@link JsonRecords}: one that is not what the topic carries fails there, and the error
 * handler parks it instead of stopping the consumer.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@KafkaListener(
    idIsGroup = false,
    properties = {
      "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
      "spring.deserializer.value.delegate.class="
    })
@interface JsonTopicListener {

  @AliasFor(annotation = KafkaListener.class, attribute = "id")
  String id();

  @AliasFor(annotation = KafkaListener.class, attribute = "topics")
  String[] topics();
}
