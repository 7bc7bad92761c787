package com.serviceaccounts.token.authorization;

import com.serviceaccounts.token.credentials.StoredClientCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Makes an access token a JWT access token (RFC 9068) that the services' resource servers read:
 * header {@code typ: at+jwt}, the active key's {@code alg} and {@code kid}; claims {@code sub} =
 * {@code service-account:<client id>}, {@code client_id}, {@code aud}, {@code actor_type} = {@code
 * service_account}, and {@code companies} = {@code {"<company id>": {"<tool>": "<LEVEL>"}}} with
 * the account's levels above {@code NONE}: an account without permissions gets its company with an
 * empty object, which grants nothing. {@code iss}, {@code iat}, {@code exp}, {@code nbf} and {@code
 * jti} come from Spring Authorization Server.
 */
class ServiceAccountTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  static final String SUBJECT_PREFIX = "service-account:";
  static final String ACTOR_TYPE = "service_account";

  private final SignatureAlgorithm algorithm;
  private final String keyId;
  private final TokenProperties properties;

  ServiceAccountTokenClaims(
      SignatureAlgorithm algorithm, String keyId, TokenProperties properties) {
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.properties = properties;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
        || !(context.getPrincipal() instanceof AuthenticatedServiceAccount account)) {
      return;
    }
    StoredClientCredentials credentials = account.credentials();
    Map<String, String> levels = new LinkedHashMap<>();
    credentials.permissions().forEach((tool, level) -> levels.put(tool, level.name()));
    context.getJwsHeader().algorithm(algorithm).type("at+jwt").keyId(keyId);
    context
        .getClaims()
        .subject(SUBJECT_PREFIX + credentials.clientId())
        .audience(properties.audience())
        .claim("client_id", credentials.clientId())
        .claim("actor_type", ACTOR_TYPE)
        .claim("companies", Map.of(credentials.companyId().toString(), levels));
  }
}
