package com.serviceaccounts.command.serviceaccount;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch a deactivated account on again. */
record ReactivateServiceAccount(
    @TargetAggregateIdentifier UUID accountId, UUID companyId, Long expectedVersion)
    implements AccountCommand {}
