package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.query.intake.UsageReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last use of each account and of each of its secrets, from usage reports. A report only moves
 * a time forward, so late or repeated reports change nothing; a report for an account the listing
 * does not hold (not yet projected, or purged) is dropped, and the next report of an account still
 * in use sets it.
 */
@Component
class LastUse implements UsageReports {

  private static final Logger log = LoggerFactory.getLogger(LastUse.class);

  private final ServiceAccountListingRepository accounts;

  LastUse(ServiceAccountListingRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public void apply(CredentialUsage usage) {
    if (!accounts.recordUsage(
        usage.companyId(), usage.accountId(), usage.secretNumber(), usage.lastUsedAt())) {
      log.debug("usage of account {} not in the listing; dropped", usage.accountId());
    }
  }
}
