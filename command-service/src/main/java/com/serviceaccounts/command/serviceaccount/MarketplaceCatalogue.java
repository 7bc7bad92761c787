package com.serviceaccounts.command.serviceaccount;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The marketplace apps a {@code MARKETPLACE} account can be used with, by id; configured as {@code
 * service-accounts.marketplace-apps}.
 */
@ConfigurationProperties("service-accounts")
record MarketplaceCatalogue(List<String> marketplaceApps) {

  MarketplaceCatalogue {
    marketplaceApps = marketplaceApps == null ? List.of() : List.copyOf(marketplaceApps);
  }

  boolean contains(String appId) {
    return Set.copyOf(marketplaceApps).contains(appId);
  }
}
