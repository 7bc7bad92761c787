package com.serviceaccounts.devissuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class DevTokenIssuerTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  static final UUID OTHER_COMPANY = UUID.fromString("7d7c2c64-5a3e-4f43-bb0e-6f1a8e7e9d20");

  @TempDir Path directory;

  @Test
  void tokensVerifyWithThePublicKeyFileAndCarryTheDocumentedClaims() throws Exception {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory);
    Map<String, PermissionLevel> tools = new LinkedHashMap<>();
    tools.put("admin", PermissionLevel.ADMIN);
    tools.put("directory", PermissionLevel.ADMIN);
    tools.put("reports", PermissionLevel.READ_ONLY);
    Instant before = Instant.now().minusSeconds(1);

    SignedJWT jwt =
        SignedJWT.parse(
            issuer.mint(
                "user:alice@acme.example",
                Map.of(COMPANY, tools, OTHER_COMPANY, Map.of("reports", PermissionLevel.NONE)),
                Duration.ofHours(1)));

    assertThat(jwt.verify(new RSASSAVerifier(publicKey(issuer.publicKeyPem())))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId()).isNotBlank();
    assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getClaims().keySet())
        .containsExactlyInAnyOrder("iss", "sub", "actor_type", "iat", "exp", "companies");
    assertThat(claims.getIssuer()).isEqualTo("service-accounts-dev");
    assertThat(claims.getSubject()).isEqualTo("user:alice@acme.example");
    assertThat(claims.getStringClaim("actor_type")).isEqualTo("user");
    assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now());
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(1));
    assertThat(claims.getJSONObjectClaim("companies"))
        .isEqualTo(
            Map.of(
                "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11",
                Map.of("admin", "ADMIN", "directory", "ADMIN", "reports", "READ_ONLY"),
                "7d7c2c64-5a3e-4f43-bb0e-6f1a8e7e9d20",
                Map.of("reports", "NONE")));
  }

  /** The way the services read the key and check a token (Spring Security, default validators). */
  @Test
  void aResourceServerTrustingThePublicKeyFileAcceptsTheTokens() throws Exception {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory);
    assertThat(issuer.publicKeyLocation())
        .isEqualTo("file:" + directory.toAbsolutePath().resolve("public.pem"));
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withPublicKey(publicKey(issuer.publicKeyPem())).build();

    Jwt jwt =
        decoder.decode(
            issuer.mint(
                "user:bob@acme.example",
                Map.of(COMPANY, Map.of("admin", PermissionLevel.STANDARD)),
                Duration.ofMinutes(5)));

    assertThat(jwt.getSubject()).isEqualTo("user:bob@acme.example");
    assertThat(jwt.getClaimAsString("iss")).isEqualTo(DevTokenIssuer.ISSUER);
    assertThat(jwt.getClaimAsMap("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("admin", "STANDARD")));

    String expired =
        issuer.mint(
            "user:bob@acme.example",
            Map.of(),
            Instant.now().minus(Duration.ofHours(2)),
            Duration.ofHours(1));
    assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);

    String forged =
        DevTokenIssuer.loadOrCreate(directory.resolve("other"))
            .mint("user:bob@acme.example", Map.of(), Duration.ofHours(1));
    assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
  }

  @Test
  void loadReadsTheKeyTheLauncherMadeAndNeverMakesOne() {
    assertThatThrownBy(() -> DevTokenIssuer.load(directory))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no token issuer key at");
    assertThat(directory.resolve(DevTokenIssuer.PRIVATE_KEY_FILE)).doesNotExist();

    DevTokenIssuer made = DevTokenIssuer.loadOrCreate(directory);

    assertThat(DevTokenIssuer.load(directory).keyId()).isEqualTo(made.keyId());
  }

  @Test
  void theKeysSurviveARestart() throws Exception {
    DevTokenIssuer first = DevTokenIssuer.loadOrCreate(directory);
    String before = first.mint("user:a", Map.of(), Duration.ofHours(1));

    DevTokenIssuer again = DevTokenIssuer.loadOrCreate(directory);

    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(SignedJWT.parse(before).verify(new RSASSAVerifier(publicKey(again.publicKeyPem()))))
        .isTrue();
    try (var files = Files.list(directory)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("private.pem", "public.pem");
    }
  }

  @Test
  void aMissingOrStrayPublicKeyIsRewrittenFromThePrivateKey() throws Exception {
    DevTokenIssuer first = DevTokenIssuer.loadOrCreate(directory);
    String before = first.mint("user:a", Map.of(), Duration.ofHours(1));
    String publicPem = Files.readString(first.publicKeyPem());

    Files.delete(directory.resolve("public.pem"));
    assertThat(Files.readString(DevTokenIssuer.loadOrCreate(directory).publicKeyPem()))
        .isEqualTo(publicPem);

    Files.copy(
        DevTokenIssuer.loadOrCreate(directory.resolve("other")).publicKeyPem(),
        directory.resolve("public.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    DevTokenIssuer again = DevTokenIssuer.loadOrCreate(directory);
    assertThat(Files.readString(again.publicKeyPem())).isEqualTo(publicPem);
    assertThat(SignedJWT.parse(before).verify(new RSASSAVerifier(publicKey(again.publicKeyPem()))))
        .isTrue();
  }

  @Test
  void keyFilesArePemAndThePrivateOneIsTheOwnersOnly() throws Exception {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory.resolve("nested/issuer"));
    Path privatePem = directory.resolve("nested/issuer/private.pem");

    assertThat(Files.readString(privatePem)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(issuer.publicKeyPem())).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(publicKey(issuer.publicKeyPem()).getModulus().bitLength()).isEqualTo(2048);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privatePem)))
          .isEqualTo("rw-------");
      assertThat(
              PosixFilePermissions.toString(Files.getPosixFilePermissions(issuer.publicKeyPem())))
          .isEqualTo("rw-r--r--");
    }
  }

  @Test
  void issuersStartingTogetherOnOneFolderShareOneKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<DevTokenIssuer>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(() -> DevTokenIssuer.loadOrCreate(directory));
      }
      List<DevTokenIssuer> issuers = new ArrayList<>();
      for (Future<DevTokenIssuer> start : threads.invokeAll(starts)) {
        issuers.add(start.get());
      }
      Set<String> keyIds = issuers.stream().map(DevTokenIssuer::keyId).collect(Collectors.toSet());
      assertThat(keyIds).hasSize(1);
      String token = issuers.get(3).mint("user:a", Map.of(), Duration.ofHours(1));
      assertThat(
              SignedJWT.parse(token)
                  .verify(new RSASSAVerifier(publicKey(issuers.get(0).publicKeyPem()))))
          .isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theJwksHoldsThePublicKeyOnly() throws Exception {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory);

    JWKSet jwks = JWKSet.parse(issuer.publicJwks());

    assertThat(jwks.getKeys()).hasSize(1);
    RSAKey key = (RSAKey) jwks.getKeyByKeyId(issuer.keyId());
    assertThat(key.isPrivate()).isFalse();
    assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(issuer.publicJwks()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    SignedJWT jwt = SignedJWT.parse(issuer.mint("user:a", Map.of(), Duration.ofHours(1)));
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
  }

  @Test
  void refusesTokensThatCouldNotBeValid() {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory);
    assertThatThrownBy(() -> issuer.mint(" ", Map.of(), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.mint("user:a", Map.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherIssuersTokensDoNotVerify() throws Exception {
    DevTokenIssuer ours = DevTokenIssuer.loadOrCreate(directory.resolve("ours"));
    DevTokenIssuer theirs = DevTokenIssuer.loadOrCreate(directory.resolve("theirs"));
    SignedJWT forged = SignedJWT.parse(theirs.mint("user:x", Map.of(), Duration.ofHours(1)));
    assertThat(forged.verify(new RSASSAVerifier(publicKey(ours.publicKeyPem())))).isFalse();
  }

  /** Reads the key the way Spring Boot reads {@code public-key-location}. */
  static RSAPublicKey publicKey(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return RsaKeyConverters.x509().convert(in);
    }
  }
}
