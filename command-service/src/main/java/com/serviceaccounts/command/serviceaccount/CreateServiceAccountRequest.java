package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.AppType;

/** The body of {@code POST /companies/{companyId}/service-accounts}. */
record CreateServiceAccountRequest(
    String name, AppType appType, String marketplaceAppId, String contactEmail) {}
