package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * What the UI keeps in the browser until a person has signed in, where a session would cost the
 * server memory for every request without a cookie: a cookie sealed with AES-GCM under a key made
 * at start, so its holder can neither read nor change it, and one this process did not seal is no
 * cookie at all. HTTP-only, {@code SameSite=Lax} (a provider sends the browser back with a
 * top-level GET), {@code Secure} over HTTPS. Hand-written because Spring Security keeps a sign-in
 * that has not finished (its OpenID Connect authorization request) in the session only.
 *
 * <p>The key lives as long as the process: a sign-in that spans a restart, or that two instances
 * serve, starts again, as it did with the session.
 */
@Component
public class SealedCookies {

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  /** The longest value a cookie is read from: browsers keep 4 KB a cookie. */
  private static final int MAX_SEALED_LENGTH = 4096;

  private final BytesEncryptor seal;

  SealedCookies() throws GeneralSecurityException {
    KeyGenerator keys = KeyGenerator.getInstance("AES");
    keys.init(256);
    this.seal =
        new AesBytesEncryptor(
            keys.generateKey(),
            KeyGenerators.secureRandom(12),
            AesBytesEncryptor.CipherAlgorithm.GCM);
  }

  /** Sets cookie {@code name} to {@code value}, sealed, for {@code maxAge}. */
  public void put(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      Duration maxAge) {
    String sealed = ENCODE.encodeToString(seal.encrypt(value.getBytes(StandardCharsets.UTF_8)));
    write(request, response, name, sealed, maxAge);
  }

  /** The value of cookie {@code name}, if this process sealed it. */
  public Optional<String> get(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName()) && cookie.getValue().length() <= MAX_SEALED_LENGTH) {
        try {
          byte[] value = seal.decrypt(DECODE.decode(cookie.getValue()));
          return Optional.of(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException notOurs) {
          // Not base64, too short for its nonce, or a tag that does not match: another cookie of
          // the name (a browser may send several) may still be ours.
        }
      }
    }
    return Optional.empty();
  }

  /** Ends cookie {@code name} in the browser. */
  public void remove(HttpServletRequest request, HttpServletResponse response, String name) {
    write(request, response, name, "", Duration.ZERO);
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      Duration maxAge) {
    ResponseCookie cookie =
        ResponseCookie.from(name, value)
            .path("/")
            .maxAge(maxAge)
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Lax")
            .build();
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
  }
}
