package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set permission levels for the listed tools; tools not listed keep theirs. */
record ConfigureServiceAccountPermissions(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    Map<String, PermissionLevel> permissions,
    Long expectedVersion)
    implements AccountCommand {}
