package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code client_credentials} table (one row per account), {@code purged_account} (the ids of
 * accounts purged for good) and {@code applied_event} (the id of the event applied at each version
 * of each account). Reads are public: the authorization server looks clients up here, through
 * {@link RecentCredentials} for token requests.
 */
@Repository
public class ClientCredentialsRepository {

  private static final String COLUMNS =
      "account_id, company_id, client_id, status, permissions::text AS permissions,"
          + " secrets::text AS secrets, version, tokens_not_before";

  private static final TypeReference<Map<String, PermissionLevel>> PERMISSIONS =
      new TypeReference<>() {};

  private static final TypeReference<List<StoredSecret>> SECRETS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final JsonMapper json;

  ClientCredentialsRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.json = json;
  }

  @ReadAgainOnAnEndedConnection
  public Optional<StoredClientCredentials> findByClientId(String clientId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM client_credentials WHERE client_id = ?")
        .param(clientId)
        .query(this::credentials)
        .optional();
  }

  public Optional<StoredClientCredentials> findByAccountId(UUID accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM client_credentials WHERE account_id = ?")
        .param(accountId)
        .query(this::credentials)
        .optional();
  }

  /** The accounts' rows, locked until the transaction ends, so that events apply one at a time. */
  Map<UUID, StoredClientCredentials> lock(Collection<UUID> accountIds) {
    Map<UUID, StoredClientCredentials> rows = new HashMap<>();
    jdbc.sql("SELECT " + COLUMNS + " FROM client_credentials WHERE account_id = ANY(?) FOR UPDATE")
        .param(accountIds.toArray(UUID[]::new))
        .query(this::credentials)
        .list()
        .forEach(row -> rows.put(row.accountId(), row));
    return rows;
  }

  /** The accounts whose credentials carry these client ids, by client id. */
  Map<String, UUID> accountsOfClients(Collection<String> clientIds) {
    Map<String, UUID> accounts = new HashMap<>();
    if (clientIds.isEmpty()) {
      return accounts;
    }
    jdbc.sql("SELECT client_id, account_id FROM client_credentials WHERE client_id = ANY(?)")
        .param(clientIds.toArray(String[]::new))
        .query((row, i) -> accounts.put(row.getString(1), row.getObject(2, UUID.class)))
        .list();
    return accounts;
  }

  /** The versions the accounts among these that were purged were purged at. */
  Map<UUID, Long> purgedAtVersions(Collection<UUID> accountIds) {
    Map<UUID, Long> purged = new HashMap<>();
    jdbc.sql("SELECT account_id, version FROM purged_account WHERE account_id = ANY(?)")
        .param(accountIds.toArray(UUID[]::new))
        .query((row, i) -> purged.put(row.getObject(1, UUID.class), row.getLong(2)))
        .list();
    return purged;
  }

  /** The ids of the events applied at these versions, of those kept. */
  Map<CredentialsVersion, UUID> appliedEventIds(List<CredentialsVersion> versions) {
    Map<CredentialsVersion, UUID> applied = new HashMap<>();
    if (versions.isEmpty()) {
      return applied;
    }
    jdbc.sql(
            """
            SELECT account_id, version, event_id FROM applied_event
             WHERE (account_id, version) IN (SELECT * FROM unnest(?::uuid[], ?::bigint[]))
            """)
        .param(versions.stream().map(CredentialsVersion::account).toArray(UUID[]::new))
        .param(versions.stream().map(CredentialsVersion::version).toArray(Long[]::new))
        .query(
            (row, i) ->
                applied.put(
                    new CredentialsVersion(row.getObject(1, UUID.class), row.getLong(2)),
                    row.getObject(3, UUID.class)))
        .list();
    return applied;
  }

  /**
   * Inserts the credentials of accounts that were neither there nor purged when they were locked.
   *
   * @throws IllegalStateException if one was created or purged meanwhile (by a consumer that
   *     briefly shared the partition): the transaction fails and its records are delivered again
   * @throws org.springframework.dao.DuplicateKeyException if another account has the client id (a
   *     record no command side wrote): parked, naming the constraint
   */
  void insert(List<StoredClientCredentials> created) {
    int[] inserted =
        batch.batchUpdate(
            """
            INSERT INTO client_credentials (account_id, company_id, client_id, status,
                                            permissions, secrets, version, tokens_not_before)
            SELECT :accountId, :companyId, :clientId, :status, CAST(:permissions AS jsonb),
                   CAST(:secrets AS jsonb), :version, :tokensNotBefore
             WHERE NOT EXISTS (SELECT 1 FROM purged_account WHERE account_id = :accountId)
            ON CONFLICT (account_id) DO NOTHING
            """,
            created.stream().map(this::row).toArray(SqlParameterSource[]::new));
    for (int i = 0; i < inserted.length; i++) {
      if (inserted[i] != 1) {
        throw new IllegalStateException(
            "account %s was created or purged while its events were applied"
                .formatted(created.get(i).accountId()));
      }
    }
  }

  /** Replaces the rows of locked accounts. */
  void update(List<StoredClientCredentials> changed) {
    batch.batchUpdate(
        """
        UPDATE client_credentials
           SET status = :status, permissions = CAST(:permissions AS jsonb),
               secrets = CAST(:secrets AS jsonb), version = :version,
               tokens_not_before = :tokensNotBefore
         WHERE account_id = :accountId
        """,
        changed.stream().map(this::row).toArray(SqlParameterSource[]::new));
  }

  /** Keeps the ids of the events applied, by account and version. */
  void applied(List<EventEnvelope> events) {
    batch.batchUpdate(
        "INSERT INTO applied_event (account_id, version, event_id)"
            + " VALUES (:accountId, :version, :eventId)",
        events.stream()
            .map(
                event ->
                    new MapSqlParameterSource()
                        .addValue("accountId", event.accountId())
                        .addValue("version", event.version())
                        .addValue("eventId", event.eventId()))
            .toArray(SqlParameterSource[]::new));
  }

  /**
   * Deletes the accounts' rows and the ids of their events applied, and leaves tombstones at the
   * purges' versions (the purge's own event id is kept as it is applied).
   */
  void purge(Map<UUID, Long> purgedAtVersions) {
    if (purgedAtVersions.isEmpty()) {
      return;
    }
    UUID[] accounts = purgedAtVersions.keySet().toArray(UUID[]::new);
    jdbc.sql("DELETE FROM client_credentials WHERE account_id = ANY(?)").param(accounts).update();
    jdbc.sql("DELETE FROM applied_event WHERE account_id = ANY(?)").param(accounts).update();
    batch.batchUpdate(
        "INSERT INTO purged_account (account_id, version) VALUES (:accountId, :version)"
            + " ON CONFLICT (account_id) DO NOTHING",
        purgedAtVersions.entrySet().stream()
            .map(
                purged ->
                    new MapSqlParameterSource()
                        .addValue("accountId", purged.getKey())
                        .addValue("version", purged.getValue()))
            .toArray(SqlParameterSource[]::new));
  }

  private SqlParameterSource row(StoredClientCredentials credentials) {
    return new MapSqlParameterSource()
        .addValue("accountId", credentials.accountId())
        .addValue("companyId", credentials.companyId())
        .addValue("clientId", credentials.clientId())
        .addValue("status", credentials.status().name())
        .addValue("permissions", json.writeValueAsString(credentials.permissions()))
        .addValue("secrets", json.writeValueAsString(credentials.secrets()))
        .addValue("version", credentials.version())
        .addValue(
            "tokensNotBefore",
            credentials.tokensNotBefore() == null
                ? null
                : Timestamp.from(credentials.tokensNotBefore()),
            Types.TIMESTAMP);
  }

  private StoredClientCredentials credentials(ResultSet row, int rowNumber) throws SQLException {
    Timestamp notBefore = row.getTimestamp("tokens_not_before");
    return new StoredClientCredentials(
        row.getObject("account_id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getString("client_id"),
        AccountStatus.valueOf(row.getString("status")),
        json.readValue(row.getString("permissions"), PERMISSIONS),
        json.readValue(row.getString("secrets"), SECRETS),
        row.getLong("version"),
        notBefore == null ? null : notBefore.toInstant());
  }
}
