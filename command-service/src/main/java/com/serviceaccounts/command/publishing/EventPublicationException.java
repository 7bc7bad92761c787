package com.serviceaccounts.command.publishing;

/** Kafka did not take a batch of events; the publisher retries it from the same position. */
class EventPublicationException extends RuntimeException {

  EventPublicationException(String message, Throwable cause) {
    super(message, cause);
  }
}
