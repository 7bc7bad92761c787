package com.serviceaccounts.command.caller;

import org.axonframework.messaging.MetaData;

/**
 * Who sends a command and which request it belongs to. Controllers take it as a parameter; how it
 * is established (today the {@code X-Actor} header) is {@link CallerArgumentResolver}'s business
 * alone, so authentication can replace it in one place.
 *
 * @param actor who is acting, as recorded in every event
 * @param correlationId the request's correlation id, shared by all events it causes
 */
public record Caller(String actor, String correlationId) {

  /** The metadata key of the actor, on commands and on the events they cause. */
  public static final String ACTOR = "actor";

  /** The metadata key of the request's correlation id, on commands and on their events. */
  public static final String CORRELATION_ID = "correlationId";

  /** The caller as command metadata, which Axon copies onto every event the command causes. */
  public MetaData toMetaData() {
    return MetaData.with(ACTOR, actor).and(CORRELATION_ID, correlationId);
  }
}
