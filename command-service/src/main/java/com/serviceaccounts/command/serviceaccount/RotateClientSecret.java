package com.serviceaccounts.command.serviceaccount;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the account a new secret; the ones valid until now stay valid for {@code overlap}. */
record RotateClientSecret(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    String clientSecretHash,
    Duration overlap,
    Instant now,
    Long expectedVersion)
    implements AccountCommand {}
