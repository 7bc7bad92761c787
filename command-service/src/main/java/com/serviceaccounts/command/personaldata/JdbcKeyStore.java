package com.serviceaccounts.command.personaldata;

import com.serviceaccounts.security.personaldata.KeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data keys in the PostgreSQL table {@code personal_data_key}, which lives beside the event
 * store but never in it, in this service's database alone: other services ask for keys through
 * {@link DataKeysController}. Through a Spring-managed data source the writes join the surrounding
 * transaction, so a key is created with the event that uses it and destroyed with the event that
 * ends the account.
 *
 * <p>A destroyed key is a deleted row: PostgreSQL's own copies of it (dead tuples until vacuum, WAL
 * segments, backups) follow their own retention, which the operator sets.
 */
public final class JdbcKeyStore implements KeyStore {

  /** The table; this service's migrations create it. */
  public static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS personal_data_key (
          account_id uuid        PRIMARY KEY,
          data_key   bytea       NOT NULL CHECK (octet_length(data_key) = 32),
          created_at timestamptz NOT NULL DEFAULT now()
      )
      """;

  private final JdbcClient jdbc;

  public JdbcKeyStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Creates the table if it does not exist. */
  public static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(SCHEMA);
    }
  }

  /**
   * One statement when the account has no key yet (every create): the insert answers the key it
   * stored; only when a key was already there is it read.
   */
  @Override
  public byte[] putIfAbsent(UUID accountId, byte[] key) {
    return jdbc.sql(
            "INSERT INTO personal_data_key (account_id, data_key) VALUES (:account, :key)"
                + " ON CONFLICT (account_id) DO NOTHING RETURNING data_key")
        .param("account", accountId)
        .param("key", key)
        .query(byte[].class)
        .optional()
        .or(() -> find(accountId))
        .orElseThrow(() -> new IllegalStateException("key of " + accountId + " not stored"));
  }

  @Override
  public Optional<byte[]> find(UUID accountId) {
    return jdbc.sql("SELECT data_key FROM personal_data_key WHERE account_id = :account")
        .param("account", accountId)
        .query(byte[].class)
        .optional();
  }

  @Override
  public Map<UUID, byte[]> findAll(Collection<UUID> accountIds) {
    Map<UUID, byte[]> keys = new HashMap<>();
    if (accountIds.isEmpty()) {
      return keys;
    }
    jdbc.sql("SELECT account_id, data_key FROM personal_data_key WHERE account_id = ANY(:accounts)")
        .param("accounts", accountIds.toArray(UUID[]::new))
        .query((row, i) -> keys.put(row.getObject(1, UUID.class), row.getBytes(2)))
        .list();
    return keys;
  }

  @Override
  public boolean destroy(UUID accountId) {
    return jdbc.sql("DELETE FROM personal_data_key WHERE account_id = :account")
            .param("account", accountId)
            .update()
        == 1;
  }
}
