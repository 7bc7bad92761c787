package com.serviceaccounts.events.serviceaccount;

/**
 * What a service account is used for: a company's own integration ({@code CUSTOM}), or an app from
 * the marketplace ({@code MARKETPLACE}), in which case the account names the marketplace app.
 */
public enum AppType {
  CUSTOM,
  MARKETPLACE
}
