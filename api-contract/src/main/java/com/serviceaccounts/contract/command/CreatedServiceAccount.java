package com.serviceaccounts.contract.command;

import java.util.UUID;

/**
 * The answer to a create: the only time {@code clientSecret} is shown ({@code null} when an
 * idempotent retry replays the first result).
 */
public record CreatedServiceAccount(UUID id, String clientId, String clientSecret, long version) {

  @Override
  public String toString() {
    return "CreatedServiceAccount[id="
        + id
        + ", clientId="
        + clientId
        + ", version="
        + version
        + "]";
  }
}
