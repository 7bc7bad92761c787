package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import java.util.Map;
import java.util.UUID;

/**
 * An event that the order the service keeps lets through but that its account cannot take: the
 * account is unknown, another company's, or the event is not its next version. The account's
 * missing events would have come before it in that order, so they never will: waiting for them is
 * in vain. It is not retried but parked at once, and what it holds waits behind it.
 */
public class OutOfStepEventException extends RuntimeException {

  public OutOfStepEventException(EventEnvelope event, String found) {
    super("%s is out of step: %s".formatted(VersionGapException.describe(event), found));
  }

  /** Of an event naming an account of another company than its own. */
  public static OutOfStepEventException ofAnotherCompanysAccount(EventEnvelope event) {
    return new OutOfStepEventException(event, "the account is another company's");
  }

  /**
   * Of a creation whose client id is another account's (a client id names one account, which the
   * command side keeps so); null if it is no other account's.
   *
   * @param accountsOfClients the accounts of client ids, as the service keeps them
   */
  public static OutOfStepEventException ofAnotherAccountsClientId(
      EventEnvelope event, ServiceAccountCreated created, Map<String, UUID> accountsOfClients) {
    UUID holder = accountsOfClients.get(created.clientId());
    return holder == null || holder.equals(event.accountId())
        ? null
        : new OutOfStepEventException(event, "its client id is another account's");
  }
}
