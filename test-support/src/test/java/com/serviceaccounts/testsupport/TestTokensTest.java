package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TestTokensTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  static final UUID OTHER_COMPANY = UUID.fromString("7d7c2c64-5a3e-4f43-bb0e-6f1a8e7e9d20");

  @Test
  void aCompanyAdminTokenVerifiesWithThePublicKeyAndCarriesTheDocumentedClaims() throws Exception {
    String header = TestTokens.companyAdmin(COMPANY);

    assertThat(header).startsWith("Bearer eyJ");
    SignedJWT jwt = jwt(header);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isNotBlank();
    assertThat(jwt.verify(new RSASSAVerifier(publicKey()))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("service-accounts-dev");
    assertThat(claims.getSubject()).isEqualTo("user:admin@" + COMPANY);
    assertThat(claims.getStringClaim("actor_type")).isEqualTo("user");
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(claims.getIssueTime().toInstant().plus(Duration.ofHours(1)))
        .isAfter(Instant.now());
    assertThat(claims.getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("admin", "ADMIN", "directory", "ADMIN")));
  }

  @Test
  void bearerAndWithCompaniesCarryTheGivenLevels() throws Exception {
    JWTClaimsSet one =
        jwt(TestTokens.bearer(
                "user:bob@acme.example", COMPANY, Map.of("reports", PermissionLevel.READ_ONLY)))
            .getJWTClaimsSet();
    assertThat(one.getSubject()).isEqualTo("user:bob@acme.example");
    assertThat(one.getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("reports", "READ_ONLY")));

    JWTClaimsSet two =
        jwt(TestTokens.withCompanies(
                "user:carol@acme.example",
                Map.of(
                    COMPANY, Map.of("admin", PermissionLevel.STANDARD),
                    OTHER_COMPANY, Map.of("directory", PermissionLevel.ADMIN))))
            .getJWTClaimsSet();
    assertThat(two.getJSONObjectClaim("companies"))
        .isEqualTo(
            Map.of(
                COMPANY.toString(), Map.of("admin", "STANDARD"),
                OTHER_COMPANY.toString(), Map.of("directory", "ADMIN")));

    JWTClaimsSet none = jwt(TestTokens.withCompanies("user:nobody", Map.of())).getJWTClaimsSet();
    assertThat(none.getJSONObjectClaim("companies")).isEmpty();
  }

  /** What the services do with the tokens: Spring Security's decoder on the registered key. */
  @Test
  void aResourceServerTrustingTheRegisteredKeyAcceptsOnlyTheValidTokens() {
    JwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey()).build();

    Jwt admin = decoder.decode(raw(TestTokens.companyAdmin(COMPANY)));
    assertThat(admin.getSubject()).isEqualTo("user:admin@" + COMPANY);

    assertThatThrownBy(() -> decoder.decode(raw(TestTokens.expired(COMPANY))))
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> decoder.decode(raw(TestTokens.signedByAnotherKey(COMPANY))))
        .isInstanceOf(BadJwtException.class);
  }

  @Test
  void expiredAndForgedTokensAreOtherwiseCompanyAdminTokens() throws Exception {
    SignedJWT expired = jwt(TestTokens.expired(COMPANY));
    assertThat(expired.verify(new RSASSAVerifier(publicKey()))).isTrue();
    assertThat(expired.getJWTClaimsSet().getExpirationTime().toInstant())
        .isBefore(Instant.now().minus(Duration.ofMinutes(59)));
    assertThat(expired.getJWTClaimsSet().getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("admin", "ADMIN", "directory", "ADMIN")));

    SignedJWT forged = jwt(TestTokens.signedByAnotherKey(COMPANY));
    assertThat(forged.verify(new RSASSAVerifier(publicKey()))).isFalse();
    assertThat(forged.getJWTClaimsSet().getIssuer()).isEqualTo("service-accounts-dev");
    assertThat(forged.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now());
    assertThat(forged.getJWTClaimsSet().getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("admin", "ADMIN", "directory", "ADMIN")));
  }

  @Test
  void registerSpringPropertiesPointsTheServicesAtTheTestKey() {
    Map<String, Supplier<Object>> registered = new HashMap<>();

    new NoInfrastructure().registerSpringProperties(registered::put, "greetings");

    assertThat(
            registered.get("spring.security.oauth2.resourceserver.jwt.public-key-location").get())
        .isEqualTo(TestTokens.publicKeyLocation())
        .isEqualTo("file:" + TestTokens.publicKeyPem().toAbsolutePath());
    assertThat(TestTokens.publicKeyPem()).isAbsolute().exists();
  }

  private static SignedJWT jwt(String header) throws Exception {
    return SignedJWT.parse(raw(header));
  }

  private static String raw(String header) {
    assertThat(header).startsWith("Bearer ");
    return header.substring("Bearer ".length());
  }

  private static RSAPublicKey publicKey() {
    try (InputStream in = Files.newInputStream(TestTokens.publicKeyPem())) {
      return RsaKeyConverters.x509().convert(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Only what registerSpringProperties needs; nothing is started. */
  private static final class NoInfrastructure implements TestInfrastructure {
    @Override
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://127.0.0.1:1/" + database;
    }

    @Override
    public String username() {
      return "postgres";
    }

    @Override
    public String password() {
      return "postgres";
    }

    @Override
    public String kafkaBootstrapServers() {
      return "127.0.0.1:1";
    }

    @Override
    public void stopKafka() {}

    @Override
    public void startKafka() {}
  }
}
