package com.serviceaccounts.command.caller;

import com.serviceaccounts.security.tokens.CallerIdentity;
import io.swagger.v3.oas.annotations.Hidden;
import org.axonframework.messaging.MetaData;

/**
 * Who sends a command and which request it belongs to. Controllers take it as a parameter; it is
 * established from the request's bearer token by {@link CallerArgumentResolver}, so the API
 * documentation does not list it as a parameter ({@link Hidden}).
 *
 * @param identity the authenticated caller: actor and company permissions
 * @param correlationId the request's correlation id, shared by all events it causes
 */
@Hidden
public record Caller(CallerIdentity identity, String correlationId) {

  /** The metadata key of the actor, on commands and on the events they cause. */
  public static final String ACTOR = "actor";

  /**
   * The metadata key of the actor's kind: {@code user}, {@code service_account}, {@code system}.
   */
  public static final String ACTOR_TYPE = "actorType";

  /** The metadata key of the request's correlation id, on commands and on their events. */
  public static final String CORRELATION_ID = "correlationId";

  public String actor() {
    return identity.actor();
  }

  /** The caller as command metadata, which Axon copies onto every event the command causes. */
  public MetaData toMetaData() {
    return MetaData.with(ACTOR, identity.actor())
        .and(ACTOR_TYPE, identity.actorType())
        .and(CORRELATION_ID, correlationId);
  }
}
