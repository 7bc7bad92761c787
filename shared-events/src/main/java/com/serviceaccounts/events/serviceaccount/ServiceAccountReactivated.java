package com.serviceaccounts.events.serviceaccount;

import java.util.UUID;

/** Emitted when a deactivated account is switched on again. */
public record ServiceAccountReactivated(UUID accountId, UUID companyId)
    implements ServiceAccountEvent {}
