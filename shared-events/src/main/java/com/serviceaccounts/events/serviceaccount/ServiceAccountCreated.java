package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.EventEnvelope;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Emitted once, when a company admin creates a service account. Its permissions start as {@code
 * NONE} for every tool.
 *
 * <p>The plaintext client secret is never part of an event: only its hash travels, so that a
 * credentials store can verify a presented secret.
 *
 * @param accountId the new account's id
 * @param companyId the company whose directory the account's contact lives in
 * @param clientId the OAuth 2.0 client id, generated at creation and never changed
 * @param clientSecretHash the hash of the client secret, in the form {@code algorithm:encoded}
 * @param name the name the admin gave the account
 * @param appType {@code CUSTOM} or {@code MARKETPLACE}
 * @param marketplaceAppId the marketplace app the account is used with; {@code null} for {@code
 *     CUSTOM}
 * @param sealedContactEmail the email of the account's contact in the company directory (fixed for
 *     life), sealed with the account's own data key ({@code pd1:...}, see service-security's {@code
 *     PersonalDataVault}): personal data never enters the event store or Kafka in the clear, and
 *     destroying the key when the account is purged makes every copy unreadable. Revision 1 called
 *     it {@code encryptedContactEmail}.
 */
public record ServiceAccountCreated(
    UUID accountId,
    UUID companyId,
    String clientId,
    String clientSecretHash,
    String name,
    AppType appType,
    String marketplaceAppId,
    String sealedContactEmail)
    implements ServiceAccountEvent {

  /** Without what a credentials store and a listing need, it is no creation. */
  public ServiceAccountCreated {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(clientId, "clientId");
    ClientSecretHash.require("clientSecretHash", clientSecretHash);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(appType, "appType");
    Texts.require("clientId", clientId, Texts.MAX_CLIENT_ID);
    Texts.require("name", name, Texts.MAX_NAME);
    if (marketplaceAppId != null) {
      Texts.require("marketplaceAppId", marketplaceAppId, Texts.MAX_MARKETPLACE_APP_ID);
    }
    if (sealedContactEmail != null) {
      Texts.require("sealedContactEmail", sealedContactEmail, Texts.MAX_SEALED_CONTACT_EMAIL);
    }
  }

  /** The client ids the creations among {@code events} claim: each names one account. */
  public static Set<String> clientIdsOf(Collection<EventEnvelope> events) {
    return events.stream()
        .map(EventEnvelope::payload)
        .filter(ServiceAccountCreated.class::isInstance)
        .map(created -> ((ServiceAccountCreated) created).clientId())
        .collect(Collectors.toSet());
  }
}
