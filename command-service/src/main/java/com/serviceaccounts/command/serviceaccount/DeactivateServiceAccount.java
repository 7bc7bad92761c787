package com.serviceaccounts.command.serviceaccount;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch an active account off. */
record DeactivateServiceAccount(
    @TargetAggregateIdentifier UUID accountId, UUID companyId, Long expectedVersion)
    implements AccountCommand {}
