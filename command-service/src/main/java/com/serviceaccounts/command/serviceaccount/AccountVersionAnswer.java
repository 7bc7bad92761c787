package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import java.util.UUID;
import org.springframework.http.ResponseEntity;

/** The answer to a command that changes an account. */
final class AccountVersionAnswer {

  private AccountVersionAnswer() {}

  /** The {@link AccountVersion} body, and the version as the {@code ETag}. */
  static ResponseEntity<AccountVersion> of(UUID id, long version, AccountStatus status) {
    return ResponseEntity.ok()
        .eTag(String.valueOf(version))
        .body(new AccountVersion(id, version, status));
  }
}
