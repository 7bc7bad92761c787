package com.serviceaccounts.events.serviceaccount;

/**
 * Where a service account is in its life: usable ({@code ACTIVE}), switched off but kept ({@code
 * DEACTIVATED}), or soft-deleted and restorable until it is purged ({@code DELETED}).
 */
public enum AccountStatus {
  ACTIVE,
  DEACTIVATED,
  DELETED
}
