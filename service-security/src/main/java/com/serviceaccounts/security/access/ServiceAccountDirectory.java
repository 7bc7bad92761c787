package com.serviceaccounts.security.access;

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
  Optional<UUID> activeAccount(String clientId);
}
