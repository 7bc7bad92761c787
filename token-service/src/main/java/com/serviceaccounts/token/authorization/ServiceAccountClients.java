package com.serviceaccounts.token.authorization;

import com.serviceaccounts.token.credentials.ClientCredentialsRepository;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The authorization server's clients are the service accounts of the credentials store: id = the
 * account id, client id = its client id, client-credentials grant only, authenticated with {@code
 * client_secret_basic} or {@code client_secret_post}, self-contained (JWT) access tokens. The
 * secrets are not part of the client: {@link ServiceAccountAuthenticationProvider} checks them
 * against every secret valid at the time. Clients are made and changed by events, never here.
 */
class ServiceAccountClients implements RegisteredClientRepository {

  private final ClientCredentialsRepository store;
  private final TokenSettings tokenSettings;

  ServiceAccountClients(ClientCredentialsRepository store, TokenProperties properties) {
    this.store = store;
    this.tokenSettings =
        TokenSettings.builder()
            .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
            .accessTokenTimeToLive(properties.accessTokenLifetime())
            .build();
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException(
        "service accounts are created and changed by command-service, not by the token service");
  }

  @Override
  public RegisteredClient findById(String id) {
    UUID accountId;
    try {
      accountId = UUID.fromString(id);
    } catch (IllegalArgumentException notAnAccountId) {
      return null;
    }
    return store.findByAccountId(accountId).map(this::client).orElse(null);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return store.findByClientId(clientId).map(this::client).orElse(null);
  }

  RegisteredClient client(StoredClientCredentials credentials) {
    return RegisteredClient.withId(credentials.accountId().toString())
        .clientId(credentials.clientId())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenSettings(tokenSettings)
        .build();
  }
}
