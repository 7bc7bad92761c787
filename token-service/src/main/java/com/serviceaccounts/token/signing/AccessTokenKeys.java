package com.serviceaccounts.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * The keys of the token service: the active signer, read from a key folder ({@value
 * #PRIVATE_KEY_FILE}: PKCS#8, {@value #PUBLIC_KEY_FILE}: X.509 SubjectPublicKeyInfo) of the kind
 * its {@link SignatureAlgorithm} needs, and the public keys of earlier signers (P-256 or RSA),
 * which the JWKS keeps publishing so that tokens they signed stay verifiable until they expire.
 * Every key's {@code kid} is its RFC 7638 thumbprint, and every key names its {@code alg}, so that
 * a verifier never tries a key with another algorithm than its own.
 */
public final class AccessTokenKeys {

  static final String PRIVATE_KEY_FILE = "private.pem";
  static final String PUBLIC_KEY_FILE = "public.pem";

  private final SignatureAlgorithm algorithm;
  private final JWK signer;
  private final List<JWK> previous;

  private AccessTokenKeys(SignatureAlgorithm algorithm, JWK signer, List<JWK> previous) {
    this.algorithm = algorithm;
    this.signer = signer;
    this.previous = List.copyOf(previous);
  }

  /**
   * Reads the active key pair from {@code keyDirectory} and each earlier public key from its PEM
   * file.
   *
   * @throws IllegalStateException if a file is missing or unreadable, a key is not of the kind
   *     {@code algorithm} needs, or the two halves of the key pair do not belong together
   */
  public static AccessTokenKeys read(
      Path keyDirectory, SignatureAlgorithm algorithm, List<Path> previousPublicKeys) {
    Path folder = keyDirectory.toAbsolutePath().normalize();
    PrivateKey privateKey = readPrivateKey(folder.resolve(PRIVATE_KEY_FILE), algorithm);
    PublicKey publicKey = readPublicKey(folder.resolve(PUBLIC_KEY_FILE));
    if (!algorithm.keyType().equals(publicKey.getAlgorithm())) {
      throw new IllegalStateException(
          folder.resolve(PUBLIC_KEY_FILE)
              + " is an "
              + publicKey.getAlgorithm()
              + " key; service-accounts.token.signature-algorithm "
              + algorithm
              + " needs an "
              + algorithm.keyType()
              + " key pair");
    }
    if (!onePair(privateKey, publicKey, algorithm)) {
      throw new IllegalStateException(
          "the keys in " + folder + " are not one pair: " + PUBLIC_KEY_FILE + " does not match");
    }
    JWK signer = jwk(publicKey, privateKey, folder.resolve(PUBLIC_KEY_FILE));
    List<JWK> earlier = new ArrayList<>();
    for (Path pem : previousPublicKeys) {
      JWK key = jwk(readPublicKey(pem), null, pem);
      if (!key.getKeyID().equals(signer.getKeyID())) {
        earlier.add(key);
      }
    }
    return new AccessTokenKeys(algorithm, signer, earlier);
  }

  /** The algorithm new tokens are signed with. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The {@code kid} of the key that signs new tokens. */
  public String activeKeyId() {
    return signer.getKeyID();
  }

  /** The algorithms of every published key: what this service's own tokens may be signed with. */
  public Set<JWSAlgorithm> publishedAlgorithms() {
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    algorithms.add(algorithm.jws());
    previous.forEach(key -> algorithms.add(JWSAlgorithm.parse(key.getAlgorithm().getName())));
    return algorithms;
  }

  /** The signer (with its private half) and the earlier public keys. */
  public JWKSet jwkSet() {
    List<JWK> keys = new ArrayList<>();
    keys.add(signer);
    keys.addAll(previous);
    return new JWKSet(keys);
  }

  /**
   * A P-256 key for ES256 or an RSA key for RS256, with {@code use}, {@code alg} and {@code kid}.
   */
  private static JWK jwk(PublicKey publicKey, PrivateKey privateKey, Path file) {
    try {
      if (publicKey instanceof ECPublicKey ec) {
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        if (!Curve.P_256.equals(curve)) {
          throw new IllegalStateException(
              file + " is an EC key on " + curve + "; ES256 needs a P-256 key");
        }
        return new ECKey.Builder(Curve.P_256, ec)
            .privateKey(privateKey)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256)
            .keyIDFromThumbprint()
            .build();
      }
      if (publicKey instanceof RSAPublicKey rsa) {
        return new RSAKey.Builder(rsa)
            .privateKey(privateKey)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyIDFromThumbprint()
            .build();
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute the thumbprint of " + file, e);
    }
    throw new IllegalStateException(
        file + " is an " + publicKey.getAlgorithm() + " key; the keys are P-256 or RSA keys");
  }

  /** Whether {@code privateKey} signs what {@code publicKey} verifies. */
  private static boolean onePair(
      PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) {
    String scheme = algorithm.jcaName();
    byte[] probe = "service-accounts key pair check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signing = Signature.getInstance(scheme);
      signing.initSign(privateKey);
      signing.update(probe);
      byte[] signature = signing.sign();
      Signature verifying = Signature.getInstance(scheme);
      verifying.initVerify(publicKey);
      verifying.update(probe);
      return verifying.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PrivateKey readPrivateKey(Path file, SignatureAlgorithm algorithm) {
    String what = "PKCS#8 " + algorithm.keyType() + " private key";
    String pem = read(file, what);
    PrivateKey key;
    try {
      key = PemContent.of(pem).getPrivateKey();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not a " + what + " in PEM", e);
    }
    if (key == null || !algorithm.keyType().equals(key.getAlgorithm())) {
      throw new IllegalStateException(
          file
              + " is not a "
              + what
              + " in PEM, which service-accounts.token.signature-algorithm "
              + algorithm
              + " needs");
    }
    return key;
  }

  // Spring Boot's PemContent reads private keys and certificates but not bare public keys.
  private static PublicKey readPublicKey(Path file) {
    String pem = read(file, "X.509 public key");
    String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not an X.509 public key in PEM", e);
    }
    for (String type : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisType) {
        // the next type
      }
    }
    throw new IllegalStateException(file + " is not a P-256 or RSA public key in X.509 PEM");
  }

  private static String read(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no " + what + " at " + file);
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
