package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code client_credentials} table (one row per account) and {@code purged_account} (the ids of
 * accounts purged for good). Reads are public: the authorization server looks clients up here on
 * every request, so a change applied by the projection counts from the next request on.
 */
@Repository
public class ClientCredentialsRepository {

  private static final String COLUMNS =
      "account_id, company_id, client_id, status, permissions::text AS permissions,"
          + " secrets::text AS secrets, version";

  private static final TypeReference<Map<String, PermissionLevel>> PERMISSIONS =
      new TypeReference<>() {};

  private static final TypeReference<List<StoredSecret>> SECRETS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ClientCredentialsRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

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

  /** The account's row, locked until the transaction ends, so that events apply one at a time. */
  Optional<StoredClientCredentials> lock(UUID accountId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM client_credentials WHERE account_id = ? FOR UPDATE")
        .param(accountId)
        .query(this::credentials)
        .optional();
  }

  /** Inserts the credentials unless the account is there already or was purged. */
  boolean insertIfAbsent(StoredClientCredentials credentials) {
    return jdbc.sql(
                """
                INSERT INTO client_credentials (account_id, company_id, client_id, status,
                                                permissions, secrets, version)
                SELECT :accountId, :companyId, :clientId, :status, CAST(:permissions AS jsonb),
                       CAST(:secrets AS jsonb), :version
                 WHERE NOT EXISTS (SELECT 1 FROM purged_account WHERE account_id = :accountId)
                ON CONFLICT DO NOTHING
                """)
            .param("accountId", credentials.accountId())
            .param("companyId", credentials.companyId())
            .param("clientId", credentials.clientId())
            .param("status", credentials.status().name())
            .param("permissions", json.writeValueAsString(credentials.permissions()))
            .param("secrets", json.writeValueAsString(credentials.secrets()))
            .param("version", credentials.version())
            .update()
        == 1;
  }

  /** Replaces the row of a locked account with {@code credentials}. */
  void update(StoredClientCredentials credentials) {
    jdbc.sql(
            """
            UPDATE client_credentials
               SET status = :status, permissions = CAST(:permissions AS jsonb),
                   secrets = CAST(:secrets AS jsonb), version = :version
             WHERE account_id = :accountId
            """)
        .param("accountId", credentials.accountId())
        .param("status", credentials.status().name())
        .param("permissions", json.writeValueAsString(credentials.permissions()))
        .param("secrets", json.writeValueAsString(credentials.secrets()))
        .param("version", credentials.version())
        .update();
  }

  /** Deletes the account's row and leaves a tombstone at the purge's version. */
  void purge(UUID accountId, long version) {
    jdbc.sql("DELETE FROM client_credentials WHERE account_id = ?").param(accountId).update();
    jdbc.sql(
            "INSERT INTO purged_account (account_id, version) VALUES (?, ?)"
                + " ON CONFLICT (account_id) DO NOTHING")
        .params(accountId, version)
        .update();
  }

  Optional<Long> purgedAtVersion(UUID accountId) {
    return jdbc.sql("SELECT version FROM purged_account WHERE account_id = ?")
        .param(accountId)
        .query(Long.class)
        .optional();
  }

  private StoredClientCredentials credentials(ResultSet row, int rowNumber) throws SQLException {
    return new StoredClientCredentials(
        row.getObject("account_id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getString("client_id"),
        AccountStatus.valueOf(row.getString("status")),
        json.readValue(row.getString("permissions"), PERMISSIONS),
        json.readValue(row.getString("secrets"), SECRETS),
        row.getLong("version"));
  }
}
