package com.serviceaccounts.testsupport;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * One account's events as command-service publishes them, for the tests of their consumers:
 * versions 1, 2, 3, ... of the account, enveloped by {@link TestEnvelopes} with the next numbers of
 * its company's sequence. Its secrets are real: each is 256 random bits, and only its hash goes
 * into the events. Alice ({@link #CREATOR}) creates the account, Bob ({@link #EDITOR}) changes it.
 */
public final class TestAccount {

  public static final String CREATOR = "alice@acme.example";
  public static final String EDITOR = "bob@acme.example";

  /** How long a deleted account stays restorable, unless a test says otherwise. */
  private static final Duration RESTORABLE_FOR = Duration.ofDays(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Plain unless the tests of a service that opens sealed emails seal them as command-service. */
  private static volatile BiFunction<UUID, String, String> contactEmails = (id, email) -> email;

  public final UUID id = UUID.randomUUID();
  public final UUID companyId;
  public final String clientId;
  private final Map<Integer, String> secrets = new HashMap<>();
  private final Map<String, PermissionLevel> levels = new HashMap<>();
  private int lastSecret;
  private long version;
  private Instant time;

  private TestAccount(UUID companyId, String clientId) {
    this.companyId = companyId;
    this.clientId = clientId;
  }

  public static TestAccount inCompany(UUID companyId) {
    return new TestAccount(companyId, "sa_" + random(16));
  }

  public static TestAccount inANewCompany() {
    return inCompany(UUID.randomUUID());
  }

  /** An account of a new company with the client id {@code clientId}. */
  public static TestAccount withClientId(String clientId) {
    return new TestAccount(UUID.randomUUID(), clientId);
  }

  /**
   * Contact emails sealed by {@code seal} (account id, plaintext) from now on, as command-service
   * seals them with its personal data vault.
   */
  public static void sealContactEmails(BiFunction<UUID, String, String> seal) {
    contactEmails = seal;
  }

  /** The plaintext of secret {@code number}. */
  public String secret(int number) {
    return secrets.get(number);
  }

  /** The newest secret. */
  public String secret() {
    return secret(lastSecret);
  }

  /** The hash of secret {@code number}, as the events carry it. */
  public String secretHash(int number) {
    return ClientSecretHash.of(secret(number));
  }

  public String contactEmail() {
    return "contact-" + id + "@acme.example";
  }

  public EventEnvelope created() {
    return created("account " + id);
  }

  public EventEnvelope created(String name) {
    return created(name, AppType.CUSTOM, null);
  }

  public EventEnvelope created(String name, AppType appType, String marketplaceAppId) {
    String secret = newSecret();
    return next(
        CREATOR,
        new ServiceAccountCreated(
            id,
            companyId,
            clientId,
            ClientSecretHash.of(secret),
            name,
            appType,
            marketplaceAppId,
            contactEmails.apply(id, contactEmail())));
  }

  public EventEnvelope renamed(String from, String to) {
    return edited(new ValueChange<>(from, to), null, null);
  }

  public EventEnvelope edited(
      ValueChange<String> name,
      ValueChange<AppType> appType,
      ValueChange<String> marketplaceAppId) {
    return next(EDITOR, new ServiceAccountEdited(id, companyId, name, appType, marketplaceAppId));
  }

  /** {@code tool} at {@code level}, from the level the earlier events of this account gave it. */
  public EventEnvelope permissions(String tool, PermissionLevel level) {
    return permissionsChanged(
        Map.of(tool, new ValueChange<>(levels.getOrDefault(tool, PermissionLevel.NONE), level)));
  }

  public EventEnvelope permissionsChanged(Map<String, ValueChange<PermissionLevel>> changes) {
    changes.forEach((tool, change) -> levels.put(tool, change.after()));
    return next(EDITOR, new ServiceAccountPermissionsChanged(id, companyId, changes));
  }

  /** A new secret, the next number; the earlier ones stay valid until {@code overlap} from now. */
  public EventEnvelope secretRotated(Duration overlap) {
    String secret = newSecret();
    return next(
        EDITOR,
        new ClientSecretRotated(
            id, companyId, lastSecret, ClientSecretHash.of(secret), now().plus(overlap)));
  }

  public EventEnvelope deactivated() {
    return next(EDITOR, new ServiceAccountDeactivated(id, companyId));
  }

  public EventEnvelope reactivated() {
    return next(EDITOR, new ServiceAccountReactivated(id, companyId));
  }

  /** Deleted, restorable for 30 days from now. */
  public EventEnvelope deleted(AccountStatus previousStatus) {
    return deleted(previousStatus, now().plus(RESTORABLE_FOR));
  }

  public EventEnvelope deleted(AccountStatus previousStatus, Instant restorableUntil) {
    return next(EDITOR, new ServiceAccountDeleted(id, companyId, previousStatus, restorableUntil));
  }

  public EventEnvelope restored(AccountStatus status) {
    return next(EDITOR, new ServiceAccountRestored(id, companyId, status));
  }

  public EventEnvelope purged() {
    return next("service-accounts:purger", new ServiceAccountPurged(id, companyId));
  }

  /** The time of the events made from now on; {@code null} for the current time. */
  public TestAccount at(Instant eventTime) {
    this.time = eventTime;
    return this;
  }

  /** Microseconds, as precise as PostgreSQL keeps it. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private String newSecret() {
    lastSecret++;
    String secret = "sas_" + random(32);
    secrets.put(lastSecret, secret);
    return secret;
  }

  private EventEnvelope next(String actor, ServiceAccountEvent payload) {
    version++;
    return TestEnvelopes.of(payload, version, time == null ? now() : time, actor);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
