package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.ui.UiProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Whose each session is, for the sessions one person may hold. */
class SessionOwnersTest {

  private final SessionLimits limits =
      new SessionLimits(new UiProperties(null, null, null, null, 2));

  /**
   * A session Alice signs in over was Bob's: it no longer counts as his, so his own sign-ins never
   * end it as his oldest.
   */
  @Test
  void aSessionSignedInOverByAnotherIsNoLongerTheFirstsToEnd() {
    MockHttpSession shared = new MockHttpSession();
    limits.signedIn(shared, "bob");
    limits.signedIn(shared, "alice");

    List<MockHttpSession> bobs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      MockHttpSession own = new MockHttpSession();
      limits.signedIn(own, "bob");
      bobs.add(own);
    }

    assertThat(shared.isInvalid()).as("Alice's session").isFalse();
    assertThat(bobs).noneMatch(MockHttpSession::isInvalid);
  }

  @Test
  void aPersonOverTheirShareLosesTheirOldestSessionOnly() {
    MockHttpSession oldest = new MockHttpSession();
    MockHttpSession others = new MockHttpSession();
    limits.signedIn(oldest, "bob");
    limits.signedIn(others, "alice");
    limits.signedIn(new MockHttpSession(), "bob");
    limits.signedIn(new MockHttpSession(), "bob");

    assertThat(oldest.isInvalid()).isTrue();
    assertThat(others.isInvalid()).isFalse();
  }
}
