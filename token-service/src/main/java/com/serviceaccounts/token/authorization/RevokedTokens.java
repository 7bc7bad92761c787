package com.serviceaccounts.token.authorization;

import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code revoked_access_token} table: the ids ({@code jti}) of access tokens revoked before
 * they expired. Rows of expired tokens are deleted as revocations come in.
 */
@Repository
class RevokedTokens {

  private final JdbcClient jdbc;

  RevokedTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void revoke(String tokenId, Instant expiresAt) {
    jdbc.sql(
            "INSERT INTO revoked_access_token (token_id, expires_at) VALUES (?, ?)"
                + " ON CONFLICT (token_id) DO NOTHING")
        .params(tokenId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
        .update();
    jdbc.sql("DELETE FROM revoked_access_token WHERE expires_at < now()").update();
  }

  @ReadAgainOnAnEndedConnection
  public boolean isRevoked(String tokenId) {
    return jdbc.sql("SELECT count(*) FROM revoked_access_token WHERE token_id = ?")
            .param(tokenId)
            .query(Long.class)
            .single()
        > 0;
  }
}
