package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * at start, with the time it expires, so its holder can neither read nor change it nor use it
 * longer, and one this process did not seal is no cookie at all. HTTP-only, {@code SameSite=Lax} (a
 * provider sends the browser back with a top-level GET), {@code Secure} over HTTPS. Hand-written
 * because Spring Security keeps a sign-in that has not finished (its OpenID Connect authorization
 * request) in the session only.
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
  private final Clock clock;

  SealedCookies() throws GeneralSecurityException {
    this(Clock.systemUTC());
  }

  SealedCookies(Clock clock) throws GeneralSecurityException {
    this.clock = clock;
    KeyGenerator keys = KeyGenerator.getInstance("AES");
    keys.init(256);
    this.seal =
        new AesBytesEncryptor(
            keys.generateKey(),
            KeyGenerators.secureRandom(12),
            AesBytesEncryptor.CipherAlgorithm.GCM);
  }

  /** Sets cookie {@code name} to {@code value}, sealed, for {@code maxAge} from now. */
  public void put(
      HttpServletRequest request,
      HttpServletResponse response,
      String name,
      String value,
      Duration maxAge) {
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    ByteBuffer plain = ByteBuffer.allocate(Long.BYTES + text.length);
    plain.putLong(clock.millis() + maxAge.toMillis()).put(text);
    String sealed = ENCODE.encodeToString(seal.encrypt(plain.array()));
    write(request, response, name, sealed, maxAge);
  }

  /** The value of cookie {@code name}, if this process sealed it and it has not expired. */
  public Optional<String> get(HttpServletRequest request, String name) {
    return getAll(request, name).stream().findFirst();
  }

  /**
   * The values of every cookie {@code name} this process sealed that has not expired, in the order
   * the browser sent them: it may send several of a name (set for other paths, or by another site
   * of the same host), and the one that is not ours must not hide the one that is.
   */
  public List<String> getAll(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    List<String> values = new ArrayList<>();
    if (cookies == null) {
      return values;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName()) && cookie.getValue().length() <= MAX_SEALED_LENGTH) {
        unseal(cookie.getValue()).ifPresent(values::add);
      }
    }
    return values;
  }

  /**
   * The value, if this process sealed it and it has not expired: the browser's {@code Max-Age}
   * binds only a browser that keeps to it, so the expiry is sealed with the value.
   */
  private Optional<String> unseal(String sealed) {
    ByteBuffer opened;
    try {
      opened = ByteBuffer.wrap(seal.decrypt(DECODE.decode(sealed)));
    } catch (RuntimeException notOurs) {
      // Not base64, too short for its nonce, or a tag that does not match.
      return Optional.empty();
    }
    if (opened.remaining() < Long.BYTES || opened.getLong() < clock.millis()) {
      return Optional.empty();
    }
    return Optional.of(StandardCharsets.UTF_8.decode(opened).toString());
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
