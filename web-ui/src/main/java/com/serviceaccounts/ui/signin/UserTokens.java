package com.serviceaccounts.ui.signin;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Where a signed-in user's bearer token comes from. The product has none of its own (it would sign
 * users in with the company's identity provider); the local stack adds the development one.
 */
interface UserTokens {

  /** A token for {@code subject} with {@code companies}' levels, issued at {@code now}. */
  String mint(
      String subject,
      Map<UUID, Map<String, PermissionLevel>> companies,
      Instant now,
      Duration lifetime);
}
