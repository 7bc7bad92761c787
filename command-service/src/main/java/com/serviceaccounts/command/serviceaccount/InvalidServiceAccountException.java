package com.serviceaccounts.command.serviceaccount;

/** A command that breaks a rule of the account: names the field and says what to do instead. */
public class InvalidServiceAccountException extends RuntimeException {

  private final String field;

  InvalidServiceAccountException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
