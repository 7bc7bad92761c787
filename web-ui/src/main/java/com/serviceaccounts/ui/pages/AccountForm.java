package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.events.serviceaccount.AppType;
import java.util.Set;

/**
 * The New and Edit forms. {@code marketplaceAppId} counts only with App Type Marketplace; {@code
 * contactEmail} only on New (it never changes); {@code requestKey} makes a repeated New submission
 * create one account; {@code version} is the version Edit applies to.
 */
record AccountForm(
    AppType appType,
    String marketplaceAppId,
    String name,
    String contactEmail,
    String requestKey,
    Long version) {

  /** The fields a refusal can be shown next to. */
  static final Set<String> FIELDS = Set.of("appType", "marketplaceAppId", "name", "contactEmail");

  /** The Edit form as {@code account} is now, applying to its current version. */
  static AccountForm editing(ServiceAccountView account) {
    return new AccountForm(
        account.appType(),
        account.marketplaceAppId(),
        account.name(),
        null,
        null,
        account.version());
  }

  /** The marketplace app, only when App Type says Marketplace. */
  String effectiveMarketplaceAppId() {
    return appType == AppType.MARKETPLACE && marketplaceAppId != null && !marketplaceAppId.isBlank()
        ? marketplaceAppId
        : null;
  }
}
