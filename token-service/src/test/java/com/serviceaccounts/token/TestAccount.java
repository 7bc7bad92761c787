package com.serviceaccounts.token;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestEnvelopes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One account's events as the command side would publish them, numbered 1, 2, 3, ..., with real
 * secrets: each is 256 random bits, and only its hash goes into the events.
 */
final class TestAccount {

  private static final SecureRandom RANDOM = new SecureRandom();

  final UUID id = UUID.randomUUID();
  final UUID companyId = UUID.randomUUID();
  final String clientId;
  private final Map<Integer, String> secrets = new HashMap<>();
  private final Map<String, PermissionLevel> levels = new HashMap<>();
  private int lastSecret;
  private long version;

  TestAccount() {
    this("sa_" + random(16));
  }

  TestAccount(String clientId) {
    this.clientId = clientId;
  }

  /** The plaintext of secret {@code number}. */
  String secret(int number) {
    return secrets.get(number);
  }

  /** The newest secret. */
  String secret() {
    return secret(lastSecret);
  }

  EventEnvelope created() {
    String secret = newSecret();
    return next(
        new ServiceAccountCreated(
            id,
            companyId,
            clientId,
            ClientSecretHash.of(secret),
            "token test " + id,
            AppType.CUSTOM,
            null,
            "contact-" + id + "@acme.example"));
  }

  EventEnvelope edited() {
    return next(
        new ServiceAccountEdited(
            id, companyId, new ValueChange<>("token test " + id, "renamed " + id), null, null));
  }

  EventEnvelope permissions(String tool, PermissionLevel level) {
    PermissionLevel before = levels.getOrDefault(tool, PermissionLevel.NONE);
    levels.put(tool, level);
    return next(
        new ServiceAccountPermissionsChanged(
            id, companyId, Map.of(tool, new ValueChange<>(before, level))));
  }

  /** A new secret; the earlier ones stay valid until {@code overlap} after now. */
  EventEnvelope rotated(Duration overlap) {
    String secret = newSecret();
    return next(
        new ClientSecretRotated(
            id, companyId, lastSecret, ClientSecretHash.of(secret), now().plus(overlap)));
  }

  EventEnvelope deactivated() {
    return next(new ServiceAccountDeactivated(id, companyId));
  }

  EventEnvelope reactivated() {
    return next(new ServiceAccountReactivated(id, companyId));
  }

  EventEnvelope deleted(AccountStatus previous) {
    return next(
        new ServiceAccountDeleted(id, companyId, previous, now().plus(Duration.ofDays(30))));
  }

  EventEnvelope restored(AccountStatus status) {
    return next(new ServiceAccountRestored(id, companyId, status));
  }

  EventEnvelope purged() {
    return next(new ServiceAccountPurged(id, companyId));
  }

  private String newSecret() {
    lastSecret++;
    String secret = "sas_" + random(32);
    secrets.put(lastSecret, secret);
    return secret;
  }

  private EventEnvelope next(ServiceAccountEvent payload) {
    version++;
    return TestEnvelopes.of(payload, version, now(), "user:admin@" + companyId);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
