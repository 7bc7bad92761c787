package com.serviceaccounts.command.serviceaccount;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Undo a deletion within its restore window. */
record RestoreServiceAccount(
    @TargetAggregateIdentifier UUID accountId, UUID companyId, Instant now, Long expectedVersion)
    implements AccountCommand {}
