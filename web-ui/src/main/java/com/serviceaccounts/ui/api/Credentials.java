package com.serviceaccounts.ui.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A client secret in plain text, from the one response that carries it: a creation, or a rotation.
 * The UI shows it once, in a page that is not cached, and keeps it nowhere.
 *
 * @param clientSecret {@code null} when a repeated creation request was answered with the first
 *     one's account (the secret is not shown twice)
 * @param previousSecretsExpireAt after a rotation, until when the earlier secrets keep working
 */
public record Credentials(
    UUID id,
    String clientId,
    String clientSecret,
    Integer secretNumber,
    Instant previousSecretsExpireAt,
    long version) {

  @Override
  public String toString() {
    return "Credentials[id=" + id + ", clientId=" + clientId + ", version=" + version + "]";
  }
}
