package com.serviceaccounts.events.serviceaccount;

import java.util.UUID;

/**
 * Emitted when a deleted account's restore window has passed: the account is gone for good, and its
 * contact email may be used by a new account. The last event of an account.
 */
public record ServiceAccountPurged(UUID accountId, UUID companyId) implements ServiceAccountEvent {}
