package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.AppType;

/**
 * The body of {@code PATCH /companies/{companyId}/service-accounts/{id}}: only the fields to
 * change. {@code contactEmail} is accepted by the parser only to be refused with a reason.
 */
record EditServiceAccountRequest(
    String name, AppType appType, String marketplaceAppId, String contactEmail) {}
