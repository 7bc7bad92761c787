package com.serviceaccounts.token.signing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token service's keys are, and how it signs.
 *
 * @param keyDirectory the active signer's folder: {@code private.pem} (PKCS#8) and {@code
 *     public.pem} (X.509), a P-256 key pair for {@code ES256}, an RSA one for {@code RS256} (the
 *     local stack passes its {@code .local-stack/token-signing})
 * @param signatureAlgorithm {@code ES256} (ECDSA P-256, the default: see docs/decisions/0011) or
 *     {@code RS256}; the resource servers must be told the same
 * @param previousPublicKeys PEM public keys of earlier signers, still published in the JWKS until
 *     the tokens they signed have expired
 * @param nativeSignatures whether tokens are signed by Amazon Corretto Crypto Provider where its
 *     native library loads (Linux x86-64; see docs/decisions/0013), or always by the JDK's own
 *     providers
 */
@ConfigurationProperties("service-accounts.token")
record SigningKeyProperties(
    Path keyDirectory,
    @DefaultValue("ES256") SignatureAlgorithm signatureAlgorithm,
    @DefaultValue List<Path> previousPublicKeys,
    @DefaultValue("true") boolean nativeSignatures) {

  SigningKeyProperties {
    if (keyDirectory == null) {
      throw new IllegalArgumentException(
          "service-accounts.token.key-directory must name the signing key's folder"
              + " (private.pem, public.pem)");
    }
  }
}
