package com.serviceaccounts.command.serviceaccount;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move an account along its life: deactivate, reactivate, delete, restore or purge it.
 *
 * @param transition which move; {@link LifecycleTransition} holds the rules of each
 * @param now when the request was made: the restore window is measured from it
 * @param restoreWindow how long a deletion stays restorable; only a deletion reads it
 */
record ChangeLifecycle(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    LifecycleTransition transition,
    Instant now,
    Duration restoreWindow,
    Long expectedVersion)
    implements AccountCommand {}
