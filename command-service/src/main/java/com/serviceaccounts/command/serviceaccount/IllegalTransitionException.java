package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.AccountStatus;

/** The command does not fit the account's current status (edit a deleted account, ...). */
public class IllegalTransitionException extends RuntimeException {

  private final AccountStatus status;

  IllegalTransitionException(AccountStatus status, String message) {
    super(message);
    this.status = status;
  }

  public AccountStatus status() {
    return status;
  }
}
