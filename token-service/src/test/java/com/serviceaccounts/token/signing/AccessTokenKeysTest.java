package com.serviceaccounts.token.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.devissuer.KeyFiles;
import com.serviceaccounts.localstack.TokenSigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The signing key is of the kind the configured algorithm needs, is published with its {@code alg}
 * and {@code kid}, and is the key Spring's encoder picks for that algorithm.
 */
class AccessTokenKeysTest {

  @TempDir Path folder;

  @Test
  void es256SignsWithAP256KeyPublishedWithItsAlgorithm() throws Exception {
    Path keys = TokenSigningKeys.loadOrCreate(folder.resolve("ec")).directory();

    AccessTokenKeys signing = AccessTokenKeys.read(keys, SignatureAlgorithm.ES256, List.of());

    ECKey signer = (ECKey) signing.jwkSet().getKeys().get(0);
    assertThat(signer.getCurve()).isEqualTo(Curve.P_256);
    assertThat(signer.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(signer.getKeyID()).isEqualTo(signer.computeThumbprint().toString());
    SignedJWT token = SignedJWT.parse(sign(signing));
    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(token.getHeader().getKeyID()).isEqualTo(signing.activeKeyId());
    assertThat(token.verify(new ECDSAVerifier(signer.toPublicJWK()))).isTrue();
    assertThat(signing.publishedAlgorithms()).containsExactly(JWSAlgorithm.ES256);
  }

  @Test
  void rs256SignsWithAnRsaKeyAndPublishesEarlierKeysOfEitherKind() throws Exception {
    Path keys = DevTokenIssuer.loadOrCreate(folder.resolve("rsa")).publicKeyPem().getParent();
    Path earlier = TokenSigningKeys.loadOrCreate(folder.resolve("earlier")).publicKeyPem();

    AccessTokenKeys signing =
        AccessTokenKeys.read(keys, SignatureAlgorithm.RS256, List.of(earlier));

    List<JWK> published = signing.jwkSet().getKeys();
    RSAKey signer = (RSAKey) published.get(0);
    assertThat(signer.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(published.get(1)).isInstanceOf(ECKey.class);
    assertThat(published.get(1).isPrivate()).isFalse();
    SignedJWT token = SignedJWT.parse(sign(signing));
    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(token.verify(new RSASSAVerifier(signer.toPublicJWK()))).isTrue();
    assertThat(signing.publishedAlgorithms())
        .containsExactly(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
  }

  @Test
  void aKeyOfTheWrongKindIsRefusedNamingTheAlgorithm() {
    Path rsa = DevTokenIssuer.loadOrCreate(folder.resolve("rsa")).publicKeyPem().getParent();
    Path ec = TokenSigningKeys.loadOrCreate(folder.resolve("ec")).directory();

    assertThatThrownBy(() -> AccessTokenKeys.read(rsa, SignatureAlgorithm.ES256, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES256");
    assertThatThrownBy(() -> AccessTokenKeys.read(ec, SignatureAlgorithm.RS256, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RS256");
  }

  @Test
  void halvesOfTwoPairsAreRefused() throws Exception {
    Path one = TokenSigningKeys.loadOrCreate(folder.resolve("one")).directory();
    Path other = TokenSigningKeys.loadOrCreate(folder.resolve("other")).directory();
    Files.copy(
        other.resolve("public.pem"),
        one.resolve("public.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> AccessTokenKeys.read(one, SignatureAlgorithm.ES256, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not one pair");
  }

  @Test
  void anEcKeyOnAnotherCurveIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    Path keys = Files.createDirectories(folder.resolve("p384"));
    KeyFiles.writeKeyPair(
        generator.generateKeyPair(), keys.resolve("private.pem"), keys.resolve("public.pem"));

    assertThatThrownBy(() -> AccessTokenKeys.read(keys, SignatureAlgorithm.ES256, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("P-256");
  }

  /** Signs as the authorization server does: Spring's encoder, the header naming alg and kid. */
  static String sign(AccessTokenKeys keys) {
    NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.jwkSet()));
    return encoder
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(
                        org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.from(
                            keys.algorithm().name()))
                    .keyId(keys.activeKeyId())
                    .build(),
                JwtClaimsSet.builder().subject("service-account:sa_1").build()))
        .getTokenValue();
  }
}
