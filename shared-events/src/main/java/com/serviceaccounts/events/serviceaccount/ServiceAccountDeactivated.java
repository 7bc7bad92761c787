package com.serviceaccounts.events.serviceaccount;

import java.util.UUID;

/** Emitted when an active account is switched off: it keeps its data, but gets no tokens. */
public record ServiceAccountDeactivated(UUID accountId, UUID companyId)
    implements ServiceAccountEvent {}
