package com.serviceaccounts.command.serviceaccount;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import java.util.UUID;
import org.springframework.http.ResponseEntity;

/** The account's version after a command; {@code status} where the command decided it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccountVersion(UUID id, long version, AccountStatus status) {

  /** The answer to a command: this body, and the version as the {@code ETag}. */
  static ResponseEntity<AccountVersion> answer(UUID id, long version, AccountStatus status) {
    return ResponseEntity.ok()
        .eTag(String.valueOf(version))
        .body(new AccountVersion(id, version, status));
  }
}
