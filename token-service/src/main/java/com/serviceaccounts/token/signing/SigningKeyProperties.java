package com.serviceaccounts.token.signing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token service's keys are.
 *
 * @param keyDirectory the active signer's folder: {@code private.pem} and {@code public.pem}, as
 *     the development issuer writes them (the local stack passes its {@code .local-stack/issuer})
 * @param previousPublicKeys PEM public keys of earlier signers, still published in the JWKS until
 *     the tokens they signed have expired
 */
@ConfigurationProperties("service-accounts.token")
record SigningKeyProperties(Path keyDirectory, @DefaultValue List<Path> previousPublicKeys) {

  SigningKeyProperties {
    if (keyDirectory == null) {
      throw new IllegalArgumentException(
          "service-accounts.token.key-directory must name the signing key's folder"
              + " (private.pem, public.pem)");
    }
  }
}
