package com.serviceaccounts.command.serviceaccount;

import java.util.UUID;

/** A command on an existing account: names its company, and optionally the version it expects. */
interface AccountCommand {

  UUID accountId();

  UUID companyId();

  /** The version the caller last saw ({@code If-Match}), or {@code null} for last-writer-wins. */
  Long expectedVersion();
}
