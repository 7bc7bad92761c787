package com.serviceaccounts.events;

/**
 * The Kafka topic that carries every service-account event, keyed by account id so that one
 * account's events stay in order on one partition.
 */
public final class EventTopic {

  /** The default topic name; both services read it from {@code service-accounts.events.topic}. */
  public static final String DEFAULT_NAME = "service-account-events";

  private EventTopic() {}
}
