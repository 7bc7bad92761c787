package com.serviceaccounts.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The keys of the token service: the active signer, read from a key folder in the development
 * issuer's format ({@value #PRIVATE_KEY_FILE}: PKCS#8, {@value #PUBLIC_KEY_FILE}: X.509
 * SubjectPublicKeyInfo), and the public keys of earlier signers, which the JWKS keeps publishing so
 * that tokens they signed stay verifiable until they expire. Every key's {@code kid} is its RFC
 * 7638 thumbprint, as the development issuer's.
 */
public final class SigningKeys {

  static final String PRIVATE_KEY_FILE = "private.pem";
  static final String PUBLIC_KEY_FILE = "public.pem";

  private final RSAKey signer;
  private final List<RSAKey> previous;

  private SigningKeys(RSAKey signer, List<RSAKey> previous) {
    this.signer = signer;
    this.previous = List.copyOf(previous);
  }

  /**
   * Reads the active key pair from {@code keyDirectory} and each earlier public key from its PEM
   * file.
   *
   * @throws IllegalStateException if a file is missing, unreadable, or the two halves of the key
   *     pair do not belong together
   */
  public static SigningKeys read(Path keyDirectory, List<Path> previousPublicKeys) {
    Path folder = keyDirectory.toAbsolutePath().normalize();
    RSAPrivateKey privateKey =
        read(folder.resolve(PRIVATE_KEY_FILE), RsaKeyConverters.pkcs8(), "PKCS#8 private key");
    RSAPublicKey publicKey =
        read(folder.resolve(PUBLIC_KEY_FILE), RsaKeyConverters.x509(), "X.509 public key");
    if (!privateKey.getModulus().equals(publicKey.getModulus())) {
      throw new IllegalStateException(
          "the keys in " + folder + " are not one pair: " + PUBLIC_KEY_FILE + " does not match");
    }
    RSAKey signer = withThumbprint(new RSAKey.Builder(publicKey).privateKey(privateKey));
    List<RSAKey> earlier = new ArrayList<>();
    for (Path pem : previousPublicKeys) {
      RSAKey key =
          withThumbprint(new RSAKey.Builder(read(pem, RsaKeyConverters.x509(), "public key")));
      if (!key.getKeyID().equals(signer.getKeyID())) {
        earlier.add(key);
      }
    }
    return new SigningKeys(signer, earlier);
  }

  /** The {@code kid} of the key that signs new tokens. */
  public String activeKeyId() {
    return signer.getKeyID();
  }

  /** The signer (with its private half) and the earlier public keys. */
  public JWKSet jwkSet() {
    List<JWK> keys = new ArrayList<>();
    keys.add(signer);
    keys.addAll(previous);
    return new JWKSet(keys);
  }

  private static RSAKey withThumbprint(RSAKey.Builder builder) {
    try {
      return builder
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint()
          .build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute an RSA key's thumbprint", e);
    }
  }

  private static <K> K read(Path file, Converter<InputStream, K> converter, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no " + what + " at " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return converter.convert(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not a " + what + " in PEM", e);
    }
  }
}
