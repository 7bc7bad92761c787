package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.AppType;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change an account's name and/or app type (the seed's "Update"). A {@code null} field is left as
 * it is; switching to {@code CUSTOM} clears the marketplace app.
 */
record EditServiceAccount(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    String name,
    AppType appType,
    String marketplaceAppId,
    Long expectedVersion)
    implements AccountCommand {}
