package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A token that passed is not checked again while it is unexpired and younger than a minute; any
 * other token, a refused one, an expired one and a remembered one past its minute are checked.
 */
class VerifiedBearerTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final List<String> checked = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final VerifiedBearerTokens tokens =
      new VerifiedBearerTokens(request -> this::check, () -> clock.instant(), nanos::get);

  /** The verifier behind the memory: tokens starting with "bad" are refused. */
  private Authentication check(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    checked.add(token);
    if (token.startsWith("bad")) {
      throw new InvalidBearerTokenException("refused");
    }
    Jwt jwt =
        Jwt.withTokenValue(token)
            .header("alg", "ES256")
            .subject("user:" + token)
            .issuedAt(NOW.minusSeconds(10))
            .expiresAt(NOW.plus(Duration.ofMinutes(5)))
            .build();
    return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ACTOR_user")));
  }

  private Authentication authenticate(String token, Object details) {
    BearerTokenAuthenticationToken bearer = new BearerTokenAuthenticationToken(token);
    bearer.setDetails(details);
    AuthenticationManager manager = tokens.resolve(new MockHttpServletRequest());
    return manager.authenticate(bearer);
  }

  @Test
  void aTokenThatPassedIsNotCheckedAgainAndEachRequestGetsItsOwnAuthentication() {
    Authentication first = authenticate("a", "first request");
    Authentication second = authenticate("a", "second request");

    assertThat(checked).containsExactly("a");
    assertThat(second).isNotSameAs(first).isInstanceOf(JwtAuthenticationToken.class);
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(second.getName()).isEqualTo(first.getName()).isEqualTo("user:a");
    assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
    assertThat(((JwtAuthenticationToken) second).getToken())
        .isEqualTo(((JwtAuthenticationToken) first).getToken());
    assertThat(second.getDetails()).isEqualTo("second request");
  }

  @Test
  void anotherTokenIsChecked() {
    authenticate("a", null);
    authenticate("b", null);
    authenticate("a", null);

    assertThat(checked).containsExactly("a", "b");
  }

  @Test
  void aRefusedTokenIsRefusedEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> authenticate("bad", null))
          .isInstanceOf(InvalidBearerTokenException.class);
    }
    assertThat(checked).containsExactly("bad", "bad");
  }

  @Test
  void aTokenPastItsExpiryIsCheckedAgain() {
    authenticate("a", null);
    clock = Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());

    authenticate("a", null);

    assertThat(checked).containsExactly("a", "a");
  }

  @Test
  void aTokenIsCheckedAgainAfterAMinute() {
    authenticate("a", null);
    nanos.addAndGet(VerifiedBearerTokens.MAX_AGE.toNanos());

    authenticate("a", null);

    assertThat(checked).containsExactly("a", "a");
  }

  @Test
  void whatIsNotABearerTokenIsPassedOn() {
    List<Authentication> passed = new ArrayList<>();
    VerifiedBearerTokens passing =
        new VerifiedBearerTokens(
            request ->
                authentication -> {
                  passed.add(authentication);
                  return authentication;
                });
    Authentication other = new TestingAuthenticationToken("someone", "secret");

    passing.resolve(new MockHttpServletRequest()).authenticate(other);
    passing.resolve(new MockHttpServletRequest()).authenticate(other);

    assertThat(passed).containsExactly(other, other);
  }
}
