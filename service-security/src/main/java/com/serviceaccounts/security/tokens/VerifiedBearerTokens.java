package com.serviceaccounts.security.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Remembers each bearer token that passed every check, for a minute at most and never past its
 * {@code exp}, so that a client sending the same token again is not parsed and verified again.
 * Spring Security verifies every request's token afresh, and a client sends one token for its whole
 * lifetime: the parsing and signature check were over a quarter of a command's CPU (BENCHMARKS.md).
 * Only the exact token, signature included, is recognised; a refused token is never remembered, so
 * it is checked, and refused, every time. A key withdrawn from an issuer's key set stops passing
 * within {@link #MAX_AGE}.
 */
final class VerifiedBearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

  /** How long a verified token is trusted without a new check. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  /** The most tokens remembered; the least used go first. */
  static final int MAX_TOKENS = 4_096;

  private final AuthenticationManagerResolver<HttpServletRequest> verifier;
  private final Cache<String, JwtAuthenticationToken> verified;
  private final InstantSource clock;

  VerifiedBearerTokens(AuthenticationManagerResolver<HttpServletRequest> verifier) {
    this(verifier, InstantSource.system(), Ticker.systemTicker());
  }

  VerifiedBearerTokens(
      AuthenticationManagerResolver<HttpServletRequest> verifier,
      InstantSource clock,
      Ticker ticker) {
    this.verifier = verifier;
    this.clock = clock;
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_AGE)
            .ticker(ticker)
            .build();
  }

  @Override
  public AuthenticationManager resolve(HttpServletRequest request) {
    return authentication -> {
      if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
        return verifier.resolve(request).authenticate(authentication);
      }
      JwtAuthenticationToken known = verified.getIfPresent(bearer.getToken());
      if (known != null && unexpired(known)) {
        // A new authentication for this request, so that nothing of another request's sticks to it.
        JwtAuthenticationToken again =
            new JwtAuthenticationToken(known.getToken(), known.getAuthorities(), known.getName());
        again.setDetails(bearer.getDetails());
        return again;
      }
      Authentication result = verifier.resolve(request).authenticate(authentication);
      if (result instanceof JwtAuthenticationToken jwt && unexpired(jwt)) {
        verified.put(bearer.getToken(), jwt);
      }
      return result;
    };
  }

  private boolean unexpired(JwtAuthenticationToken authentication) {
    Instant expiry = authentication.getToken().getExpiresAt();
    return expiry != null && clock.instant().isBefore(expiry);
  }
}
