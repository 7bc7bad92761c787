package com.serviceaccounts.command.serviceaccount;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The marketplace apps a {@code MARKETPLACE} account can be used with, by id; configured as {@code
 * service-accounts.marketplace-apps}.
 */
@ConfigurationProperties("service-accounts")
record MarketplaceCatalogue(Set<String> marketplaceApps) {

  MarketplaceCatalogue {
    marketplaceApps =
        marketplaceApps == null
            ? Set.of()
            : Collections.unmodifiableSet(new LinkedHashSet<>(marketplaceApps));
  }

  boolean contains(String appId) {
    return marketplaceApps.contains(appId);
  }
}
