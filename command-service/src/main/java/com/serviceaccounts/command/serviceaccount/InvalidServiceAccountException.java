package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.problem.ProblemCode;

/**
 * A command that breaks a rule of the account: names the field, the rule's code, and says what to
 * do instead.
 */
public class InvalidServiceAccountException extends RuntimeException {

  private final String field;
  private final ProblemCode code;

  InvalidServiceAccountException(String field, ProblemCode code, String message) {
    super(message);
    this.field = field;
    this.code = code;
  }

  public String field() {
    return field;
  }

  public ProblemCode code() {
    return code;
  }
}
