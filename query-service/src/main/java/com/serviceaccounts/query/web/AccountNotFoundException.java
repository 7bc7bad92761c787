package com.serviceaccounts.query.web;

import java.util.UUID;

/**
 * No account with this id in this company. Deliberately the same answer whether the account does
 * not exist or belongs to another company, so one tenant learns nothing about another's accounts.
 */
public class AccountNotFoundException extends RuntimeException {

  public AccountNotFoundException(UUID companyId, UUID accountId) {
    super("service account %s not found in company %s".formatted(accountId, companyId));
  }
}
