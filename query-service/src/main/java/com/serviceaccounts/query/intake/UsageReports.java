package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.usage.CredentialUsage;

/** What takes token-service's usage reports; the intake hands each one over as it arrives. */
public interface UsageReports {

  void apply(CredentialUsage usage);
}
