package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SealedCookiesTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-07T08:00:00Z"));

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void aSealedValueIsReadBackUntilItExpiresWhateverTheBrowserKeeps() throws Exception {
    SealedCookies cookies = new SealedCookies(clock);
    Cookie sealed = seal(cookies, "SIGN-IN-REQUEST", "state=abc", Duration.ofMinutes(10));
    assertThat(sealed.getValue()).doesNotContain("abc");

    now.set(now.get().plus(Duration.ofMinutes(9)));
    assertThat(cookies.get(sent(sealed), "SIGN-IN-REQUEST")).hasValue("state=abc");
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThat(cookies.get(sent(sealed), "SIGN-IN-REQUEST")).isEmpty();
  }

  /** One not ours (another process's, changed, or not sealed at all) hides none that is. */
  @Test
  void everyCookieOfTheNameIsTriedAndOnlyOursAreRead() throws Exception {
    SealedCookies cookies = new SealedCookies(clock);
    Cookie ours = seal(cookies, "N", "ours", Duration.ofMinutes(1));
    Cookie anotherProcesss = seal(new SealedCookies(clock), "N", "theirs", Duration.ofMinutes(1));
    String value = ours.getValue();
    Cookie changed =
        new Cookie(
            "N",
            value.substring(0, 20) + (value.charAt(20) == 'A' ? 'B' : 'A') + value.substring(21));

    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(
        anotherProcesss, changed, new Cookie("N", "plain"), new Cookie("N", ""), ours);

    assertThat(cookies.getAll(request, "N")).containsExactly("ours");
    assertThat(cookies.get(request, "N")).hasValue("ours");
  }

  private static Cookie seal(SealedCookies cookies, String name, String value, Duration maxAge) {
    MockHttpServletResponse response = new MockHttpServletResponse();
    cookies.put(new MockHttpServletRequest(), response, name, value, maxAge);
    Cookie sealed = response.getCookie(name);
    assertThat(sealed).isNotNull();
    assertThat(sealed.getMaxAge()).isEqualTo((int) maxAge.toSeconds());
    assertThat(sealed.isHttpOnly()).isTrue();
    return sealed;
  }

  private static MockHttpServletRequest sent(Cookie cookie) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setCookies(new Cookie(cookie.getName(), cookie.getValue()));
    return request;
  }
}
