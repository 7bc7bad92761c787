package com.serviceaccounts.command.serviceaccount;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a deleted account for good once its restore window has passed. */
record PurgeServiceAccount(
    @TargetAggregateIdentifier UUID accountId, UUID companyId, Instant now, Long expectedVersion)
    implements AccountCommand {}
