package com.serviceaccounts.command.serviceaccount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.security.access.ServiceAccountDirectory;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the set-based facts behind the account rules (client ids, contact emails), whether each
 * account is active (whose tokens act), its levels now and when its tokens last stopped acting in a
 * table of the command side. Runs in a subscribing processor, so the insert shares the transaction
 * of the event append: a duplicate rolls the command back, and two racing creates cannot both win.
 */
@Component
@ProcessingGroup(ServiceAccountLookup.PROCESSING_GROUP)
class ServiceAccountLookup implements ServiceAccountDirectory {

  static final String PROCESSING_GROUP = "service-account-lookup";
  private static final String CONTACT_EMAIL_KEY = "service_account_lookup_contact_email_key";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, PermissionLevel>> LEVELS =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final PersonalDataVault vault;

  ServiceAccountLookup(JdbcClient jdbc, PersonalDataVault vault) {
    this.jdbc = jdbc;
    this.vault = vault;
  }

  /**
   * Claims the client id and the contact email (opened with the key sealed in this transaction).
   */
  @EventHandler
  void on(ServiceAccountCreated event) {
    String email =
        vault
            .open(event.accountId(), event.sealedContactEmail())
            .orElseThrow(
                () -> new IllegalStateException("no data key for account " + event.accountId()));
    try {
      jdbc.sql(
              """
              INSERT INTO service_account_lookup (account_id, company_id, client_id, contact_email)
              VALUES (:account, :company, :clientId, :email)
              """)
          .param("account", event.accountId())
          .param("company", event.companyId())
          .param("clientId", event.clientId())
          .param("email", email)
          .update();
    } catch (DuplicateKeyException e) {
      if (String.valueOf(e.getMostSpecificCause().getMessage()).contains(CONTACT_EMAIL_KEY)) {
        throw new ContactEmailInUseException();
      }
      throw e;
    }
  }

  /** A deactivation also ends the tokens issued before it, should the account be reactivated. */
  @EventHandler
  void on(ServiceAccountDeactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
    endingTokens("deactivated = TRUE", event.accountId(), at).update();
  }

  /**
   * A reactivation ends the tokens issued before it too: those of the time it was deactivated,
   * which token-service may have issued before it heard of the deactivation.
   */
  @EventHandler
  void on(ServiceAccountReactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
    endingTokens("deactivated = FALSE", event.accountId(), at).update();
  }

  /**
   * A lifecycle change of the account's row ({@code change}, SQL), which also ends the tokens
   * issued before it ({@code at}).
   */
  private JdbcClient.StatementSpec endingTokens(String change, UUID account, Instant at) {
    return jdbc.sql(
            "UPDATE service_account_lookup SET "
                + change
                + ", tokens_not_before = :at WHERE account_id = :account")
        .param("at", Timestamp.from(at))
        .param("account", account);
  }

  /** The account's levels after the change, as its matrix holds them. */
  @EventHandler
  void on(ServiceAccountPermissionsChanged event) throws JsonProcessingException {
    String before =
        jdbc.sql("SELECT levels::text FROM service_account_lookup WHERE account_id = :account")
            .param("account", event.accountId())
            .query(String.class)
            .single();
    jdbc.sql(
            "UPDATE service_account_lookup SET levels = :levels::jsonb WHERE account_id = :account")
        .param(
            "levels",
            JSON.writeValueAsString(event.permissionsAfter(JSON.readValue(before, LEVELS))))
        .param("account", event.accountId())
        .update();
  }

  /** Read in the transaction of the last change, so a deactivation stops the tokens at once. */
  @Override
  public Optional<ActiveAccount> activeAccount(String clientId) {
    return jdbc.sql(
            """
            SELECT account_id, levels::text, tokens_not_before FROM service_account_lookup
             WHERE client_id = :clientId AND NOT deactivated AND restorable_until IS NULL
            """)
        .param("clientId", clientId)
        .query(
            (row, number) -> {
              Timestamp notBefore = row.getTimestamp("tokens_not_before");
              try {
                return new ActiveAccount(
                    row.getObject("account_id", UUID.class),
                    JSON.readValue(row.getString("levels"), LEVELS),
                    notBefore == null ? null : notBefore.toInstant());
              } catch (JsonProcessingException unreadable) {
                throw new IllegalStateException("unreadable levels of " + clientId, unreadable);
              }
            })
        .optional();
  }

  /** A deletion also ends the tokens issued before it, should the account be restored. */
  @EventHandler
  void on(ServiceAccountDeleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
    endingTokens("restorable_until = :until", event.accountId(), at)
        .param("until", Timestamp.from(event.restorableUntil()))
        .update();
  }

  /** A restoration ends the tokens issued before it too, as a reactivation does. */
  @EventHandler
  void on(ServiceAccountRestored event, @org.axonframework.eventhandling.Timestamp Instant at) {
    endingTokens("restorable_until = NULL", event.accountId(), at).update();
  }

  /**
   * A purged account is gone for good: its email and client id are free again, and its data key is
   * destroyed, so the sealed contact email in its events can never be read again
   * (crypto-shredding).
   */
  @EventHandler
  void on(ServiceAccountPurged event) {
    jdbc.sql("DELETE FROM service_account_lookup WHERE account_id = :account")
        .param("account", event.accountId())
        .update();
    vault.shred(event.accountId());
  }

  /** Accounts whose restore window closed before {@code now}: the purge job's work. */
  List<PurgeCandidate> restoreWindowClosedBefore(Instant now, int limit) {
    return jdbc.sql(
            """
            SELECT account_id, company_id FROM service_account_lookup
            WHERE restorable_until <= :now ORDER BY restorable_until LIMIT :limit
            """)
        .param("now", Timestamp.from(now))
        .param("limit", limit)
        .query(
            (row, i) ->
                new PurgeCandidate(row.getObject(1, UUID.class), row.getObject(2, UUID.class)))
        .list();
  }

  record PurgeCandidate(UUID accountId, UUID companyId) {}
}
