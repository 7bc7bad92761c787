package com.serviceaccounts.security.access;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which service accounts are active, as a service that keeps them knows: a service account's token
 * acts only while its account is neither deactivated nor deleted, whatever time it has left. A
 * service that declares one as a bean has {@link CompanyAccess} ask it on every call of a service
 * account.
 */
@FunctionalInterface
public interface ServiceAccountDirectory {

  /** The account whose client id is {@code clientId}, while it is active; else empty. */
  Optional<ActiveAccount> activeAccount(String clientId);

  /**
   * An active service account, as the service knows it now.
   *
   * @param id the account
   * @param levels its levels now, by tool id (a tool not in it: {@code NONE}); null where the
   *     service does not keep them: then its token's levels count
   * @param tokensNotBefore a token issued before this instant acts no more (the account was
   *     deactivated, deleted, reactivated, restored or had a level lowered since); null: every
   *     token acts until it expires
   */
  record ActiveAccount(UUID id, Map<String, PermissionLevel> levels, Instant tokensNotBefore) {

    /** An account whose levels and tokens the service does not keep. */
    public static ActiveAccount of(UUID id) {
      return new ActiveAccount(id, null, null);
    }
  }
}
