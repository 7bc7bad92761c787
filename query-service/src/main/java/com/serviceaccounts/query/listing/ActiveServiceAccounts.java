package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.security.access.ServiceAccountDirectory;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The active service accounts, as the listing holds them: a service account's token reads only
 * while its account is active. The listing follows the events, so a deactivation stops its reads
 * once it is projected (tens of milliseconds); command-service refuses its changes at once, and
 * checks its levels as they are now.
 */
@Component
class ActiveServiceAccounts implements ServiceAccountDirectory {

  private final JdbcClient jdbc;

  ActiveServiceAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<ActiveAccount> activeAccount(String clientId) {
    return jdbc.sql(
            "SELECT id FROM service_account WHERE client_id = :clientId AND status = :active")
        .param("clientId", clientId)
        .param("active", AccountStatus.ACTIVE.name())
        .query(UUID.class)
        .optional()
        .map(ActiveAccount::of);
  }
}
