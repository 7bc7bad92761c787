package com.serviceaccounts.token.authorization;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.tokens.CompaniesClaim;
import com.serviceaccounts.token.credentials.ClientCredentialsRepository;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's store of issued tokens, without storing them: the access tokens are
 * self-contained JWTs, so an authorization is rebuilt from the token itself when introspection or
 * revocation asks for it, and issuing a token writes nothing (no database write per token).
 *
 * <p>A token is active while its signature (one of the published keys) and {@code exp} hold, it was
 * not revoked, its account still exists and is {@code ACTIVE}, and it was issued after the account
 * was last deactivated, deleted, reactivated or restored: introspection answers {@code active:
 * false} as soon as the deactivation reaches the credentials store, and goes on so for that token
 * after a reactivation (and for one issued before the deactivation reached it), as command-service
 * refuses it. Revocation stores the token's {@code jti} until it expires. Resource servers that
 * verify tokens offline do not see revocations; the short token lifetime bounds that.
 */
class SelfContainedAuthorizations implements OAuth2AuthorizationService {

  private final JwtDecoder ownTokens;
  private final ClientCredentialsRepository store;
  private final ServiceAccountClients clients;
  private final RevokedTokens revoked;

  SelfContainedAuthorizations(
      JwtDecoder ownTokens,
      ClientCredentialsRepository store,
      ServiceAccountClients clients,
      RevokedTokens revoked) {
    this.ownTokens = ownTokens;
    this.store = store;
    this.clients = clients;
    this.revoked = revoked;
  }

  /** Stores only what a save changes for a self-contained token: its revocation. */
  @Override
  public void save(OAuth2Authorization authorization) {
    OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
    if (accessToken != null
        && accessToken.isInvalidated()
        && accessToken.getToken().getExpiresAt() != null) {
      TemporarilyUnavailable.unlessStoreUnreachable(
          () -> {
            revoked.revoke(authorization.getId(), accessToken.getToken().getExpiresAt());
            return null;
          });
    }
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    save(
        OAuth2Authorization.from(authorization)
            .invalidate(authorization.getAccessToken().getToken())
            .build());
  }

  /**
   * An authorization has no id to look it up by but its token's {@code jti}, which is not enough.
   */
  @Override
  public OAuth2Authorization findById(String id) {
    return null;
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
      return null;
    }
    Jwt jwt;
    try {
      jwt = ownTokens.decode(token);
    } catch (JwtException notOneOfOurs) {
      return null;
    }
    String clientId = jwt.getClaimAsString("client_id");
    Optional<StoredClientCredentials> account =
        clientId == null
            ? Optional.empty()
            : TemporarilyUnavailable.unlessStoreUnreachable(() -> store.findByClientId(clientId));
    if (account.isEmpty() || jwt.getId() == null) {
      return null;
    }
    boolean active =
        account.get().status() == AccountStatus.ACTIVE
            && account.get().issuedAfterTokensNotBefore(jwt.getIssuedAt())
            && withinLevelsNow(jwt, account.get())
            && !TemporarilyUnavailable.unlessStoreUnreachable(() -> revoked.isRevoked(jwt.getId()));
    OAuth2AccessToken accessToken =
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER,
            jwt.getTokenValue(),
            jwt.getIssuedAt(),
            jwt.getExpiresAt(),
            scopes(jwt));
    return OAuth2Authorization.withRegisteredClient(clients.client(account.get()))
        .id(jwt.getId())
        .principalName(clientId)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .token(
            accessToken,
            metadata -> {
              metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
              if (!active) {
                metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true);
              }
            })
        .build();
  }

  /**
   * Whether the token grants no level above the account's now: one issued before a person lowered a
   * level is no longer active, as command-service no longer lets it act above the lower level.
   */
  private static boolean withinLevelsNow(Jwt jwt, StoredClientCredentials account) {
    for (Map.Entry<UUID, Map<String, PermissionLevel>> company :
        CompaniesClaim.read(jwt).entrySet()) {
      for (Map.Entry<String, PermissionLevel> level : company.getValue().entrySet()) {
        PermissionLevel now =
            company.getKey().equals(account.companyId())
                ? account.permissions().getOrDefault(level.getKey(), PermissionLevel.NONE)
                : PermissionLevel.NONE;
        if (!now.atLeast(level.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static Set<String> scopes(Jwt jwt) {
    List<String> scopes = jwt.getClaimAsStringList("scope");
    return scopes == null ? Set.of() : Set.copyOf(scopes);
  }
}
