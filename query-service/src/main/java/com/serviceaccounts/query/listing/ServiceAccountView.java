package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.serviceaccount.AppType;
import java.time.Instant;
import java.util.UUID;

/**
 * A service account as dashboards see it. Never carries the client secret or its hash.
 *
 * @param marketplaceAppId {@code null} for a {@code CUSTOM} account
 * @param lastEditedAt {@code null} until the first edit
 * @param lastEditedBy {@code null} until the first edit
 * @param version the account's version after the last applied event (also the ETag)
 */
record ServiceAccountView(
    UUID id,
    UUID companyId,
    String clientId,
    String name,
    AppType appType,
    String marketplaceAppId,
    String contactEmail,
    Instant createdAt,
    String createdBy,
    Instant lastEditedAt,
    String lastEditedBy,
    long version) {}
