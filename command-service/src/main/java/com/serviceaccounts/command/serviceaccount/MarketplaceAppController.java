package com.serviceaccounts.command.serviceaccount;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The marketplace apps a {@code MARKETPLACE} account can be used with: the list an admin picks
 * from. Any authenticated caller may read it.
 */
@RestController
class MarketplaceAppController {

  private final MarketplaceCatalogue catalogue;

  MarketplaceAppController(MarketplaceCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/marketplace-apps")
  MarketplaceApps marketplaceApps() {
    return new MarketplaceApps(catalogue.marketplaceApps().stream().map(App::new).toList());
  }

  record MarketplaceApps(List<App> items) {}

  record App(String id) {}
}
