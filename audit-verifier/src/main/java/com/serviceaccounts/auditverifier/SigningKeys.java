package com.serviceaccounts.auditverifier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 signatures of checkpoints, and the public keys that check them: PEM ({@code -----BEGIN
 * PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), each named by its key id, the hex SHA-256 of that
 * DER encoding ({@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}).
 */
public final class SigningKeys {

  public static final String ALGORITHM = "Ed25519";

  // Read and written here: Java 17 has no PEM API, Spring Security's RsaKeyConverters read RSA keys
  // only, and the verifier runs on the JDK and its JSON libraries alone.
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

  private SigningKeys() {}

  public static String keyId(PublicKey key) {
    return ChainAlgorithm.sha256Hex(key.getEncoded());
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * Every public key in the text, which may hold several PEM blocks. The JDK decodes the key; only
   * the PEM armour, which it does not read, is taken off here.
   *
   * @throws IllegalArgumentException if a block is not an Ed25519 public key, or there is none
   */
  public static List<PublicKey> parse(String pemText) {
    List<PublicKey> keys = new ArrayList<>();
    Matcher blocks = PEM.matcher(pemText);
    while (blocks.find()) {
      byte[] der = Base64.getMimeDecoder().decode(blocks.group(1));
      try {
        keys.add(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
      } catch (GeneralSecurityException e) {
        // The JDK's message names its own classes and the key's OID: not the auditor's words.
        throw new IllegalArgumentException(
            "a PEM block is not an Ed25519 public key (the audit keys are Ed25519)", e);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
    }
    return keys;
  }

  /** Whether the public key verifies the private key's signatures. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    byte[] probe = "audit checkpoint key check".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return verify(publicKey, probe, sign(privateKey, probe));
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the audit signing key must be Ed25519", e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
