package com.serviceaccounts.token.signing;

import com.nimbusds.jose.JWSAlgorithm;

/** The algorithms the token service signs with; each needs its own kind of key pair. */
public enum SignatureAlgorithm {
  /** ECDSA with P-256 and SHA-256: a P-256 key pair. */
  ES256(JWSAlgorithm.ES256, "EC", "SHA256withECDSA"),
  /** RSASSA-PKCS1-v1_5 with SHA-256: an RSA key pair (2048 bits or more). */
  RS256(JWSAlgorithm.RS256, "RSA", "SHA256withRSA");

  private final JWSAlgorithm jws;
  private final String keyType;
  private final String jcaName;

  SignatureAlgorithm(JWSAlgorithm jws, String keyType, String jcaName) {
    this.jws = jws;
    this.keyType = keyType;
    this.jcaName = jcaName;
  }

  public JWSAlgorithm jws() {
    return jws;
  }

  /** The JCA key algorithm of the key pair it needs. */
  String keyType() {
    return keyType;
  }

  /** The JCA name of its {@link java.security.Signature}. */
  String jcaName() {
    return jcaName;
  }
}
