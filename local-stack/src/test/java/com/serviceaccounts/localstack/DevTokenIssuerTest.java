package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenIssuerTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  @TempDir Path directory;

  @Test
  void tokensVerifyWithThePublishedKeyAndCarryTheDocumentedClaims() throws Exception {
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(directory);
    SignedJWT jwt =
        SignedJWT.parse(
            issuer.mint(
                "user:alice@acme.example",
                Map.of(COMPANY, Map.of("admin", PermissionLevel.ADMIN)),
                Duration.ofHours(1)));

    assertThat(jwt.verify(new RSASSAVerifier(publicKey(issuer.publicKeyPem())))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user:alice@acme.example");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(DevTokenIssuer.ISSUER);
    assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY.toString(), Map.of("admin", "ADMIN")));
  }

  @Test
  void theKeysSurviveARestart() throws Exception {
    String before =
        DevTokenIssuer.loadOrCreate(directory).mint("user:a", Map.of(), Duration.ofHours(1));
    DevTokenIssuer again = DevTokenIssuer.loadOrCreate(directory);
    assertThat(SignedJWT.parse(before).verify(new RSASSAVerifier(publicKey(again.publicKeyPem()))))
        .isTrue();
  }

  @Test
  void anotherIssuersTokensDoNotVerify() throws Exception {
    DevTokenIssuer ours = DevTokenIssuer.loadOrCreate(directory.resolve("ours"));
    DevTokenIssuer theirs = DevTokenIssuer.loadOrCreate(directory.resolve("theirs"));
    SignedJWT forged = SignedJWT.parse(theirs.mint("user:x", Map.of(), Duration.ofHours(1)));
    assertThat(forged.verify(new RSASSAVerifier(publicKey(ours.publicKeyPem())))).isFalse();
  }

  private static RSAPublicKey publicKey(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
