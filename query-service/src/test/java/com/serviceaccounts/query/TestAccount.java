package com.serviceaccounts.query;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
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
import com.serviceaccounts.security.personaldata.InMemoryKeyStore;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import com.serviceaccounts.testsupport.TestEnvelopes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * One account's events as the command side would publish them: versions 1, 2, 3, ... of the
 * account, and the next numbers of its company's sequence, shared by all accounts of the company in
 * the order their events are made.
 */
final class TestAccount {

  static final String SECRET_HASH =
      "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";
  static final String CREATOR = "alice@acme.example";
  static final String EDITOR = "bob@acme.example";

  /** The hashes of the secrets made by rotations, made up like {@link #SECRET_HASH}. */
  static String rotatedSecretHash(int secretNumber) {
    return "sha256:" + String.format("%064x", 0xfeed0000L + secretNumber);
  }

  /**
   * Seals contact emails as command-service does, with keys in the table the service under test
   * reads them from; integration tests point it at their database.
   */
  static PersonalDataVault vault = new PersonalDataVault(new InMemoryKeyStore());

  final UUID id = UUID.randomUUID();
  final UUID companyId;
  private long version;
  private Instant time;

  private TestAccount(UUID companyId) {
    this.companyId = companyId;
  }

  static TestAccount inCompany(UUID companyId) {
    return new TestAccount(companyId);
  }

  static TestAccount inANewCompany() {
    return new TestAccount(UUID.randomUUID());
  }

  String clientId() {
    return "sa_" + id.toString().substring(0, 8);
  }

  EventEnvelope created(String name, AppType appType, String marketplaceAppId) {
    return next(
        CREATOR,
        new ServiceAccountCreated(
            id,
            companyId,
            clientId(),
            SECRET_HASH,
            name,
            appType,
            marketplaceAppId,
            vault.seal(id, contactEmail())));
  }

  String contactEmail() {
    return "contact-" + id + "@acme.example";
  }

  EventEnvelope created(String name) {
    return created(name, AppType.CUSTOM, null);
  }

  EventEnvelope renamed(String from, String to) {
    return edited(new ValueChange<>(from, to), null, null);
  }

  EventEnvelope edited(
      ValueChange<String> name,
      ValueChange<AppType> appType,
      ValueChange<String> marketplaceAppId) {
    return next(EDITOR, new ServiceAccountEdited(id, companyId, name, appType, marketplaceAppId));
  }

  EventEnvelope permissionsChanged(Map<String, ValueChange<PermissionLevel>> changes) {
    return next(EDITOR, new ServiceAccountPermissionsChanged(id, companyId, changes));
  }

  /** Secret number {@code secretNumber}; the ones before stay valid for {@code overlap}. */
  EventEnvelope secretRotated(int secretNumber, Duration overlap) {
    return next(
        EDITOR,
        new ClientSecretRotated(
            id, companyId, secretNumber, rotatedSecretHash(secretNumber), now().plus(overlap)));
  }

  EventEnvelope deactivated() {
    return next(EDITOR, new ServiceAccountDeactivated(id, companyId));
  }

  EventEnvelope reactivated() {
    return next(EDITOR, new ServiceAccountReactivated(id, companyId));
  }

  EventEnvelope deleted(AccountStatus previousStatus, Instant restorableUntil) {
    return next(EDITOR, new ServiceAccountDeleted(id, companyId, previousStatus, restorableUntil));
  }

  EventEnvelope restored(AccountStatus status) {
    return next(EDITOR, new ServiceAccountRestored(id, companyId, status));
  }

  EventEnvelope purged() {
    return next("service-accounts:purger", new ServiceAccountPurged(id, companyId));
  }

  /** The time of the events made from now on; {@code null} for the current time. */
  TestAccount at(Instant eventTime) {
    this.time = eventTime;
    return this;
  }

  private EventEnvelope next(String actor, ServiceAccountEvent payload) {
    version++;
    return TestEnvelopes.of(payload, version, time == null ? now() : time, actor);
  }

  /** Microseconds, as precise as PostgreSQL keeps it. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
