package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A freshly generated client id and client secret. The secret lives only in this object on its way
 * into the response that creates the account; {@link #toString()} never shows it.
 *
 * @param clientId {@code sa_} and 128 random bits, URL-safe
 * @param clientSecret {@code sas_} and 256 random bits, URL-safe; shown once
 */
record GeneratedClientCredentials(String clientId, String clientSecret) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  static GeneratedClientCredentials generate() {
    return new GeneratedClientCredentials("sa_" + randomUrlSafe(16), "sas_" + randomUrlSafe(32));
  }

  String clientSecretHash() {
    return ClientSecretHash.of(clientSecret);
  }

  @Override
  public String toString() {
    return "GeneratedClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>]";
  }

  private static String randomUrlSafe(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return URL_SAFE.encodeToString(random);
  }
}
