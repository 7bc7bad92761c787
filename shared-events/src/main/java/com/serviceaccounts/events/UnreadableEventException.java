package com.serviceaccounts.events;

/**
 * A record on the event topic that cannot be read as an event: an unknown type, a missing attribute
 * or a payload that does not parse. Retrying does not help; such records are set aside.
 */
public class UnreadableEventException extends RuntimeException {

  public UnreadableEventException(String message) {
    super(message);
  }

  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
