package com.serviceaccounts.command.serviceaccount;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Soft-delete an account: restorable until {@code now + restoreWindow}. */
record DeleteServiceAccount(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    Duration restoreWindow,
    Instant now,
    Long expectedVersion)
    implements AccountCommand {}
