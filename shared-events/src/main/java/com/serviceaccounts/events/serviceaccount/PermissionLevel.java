package com.serviceaccounts.events.serviceaccount;

/**
 * How much a service account may do in one company tool. Ordered from least to most: a level
 * includes everything the levels before it allow.
 */
public enum PermissionLevel {
  NONE,
  READ_ONLY,
  STANDARD,
  ADMIN;

  /** Whether this level allows at least what {@code required} allows. */
  public boolean atLeast(PermissionLevel required) {
    return compareTo(required) >= 0;
  }
}
