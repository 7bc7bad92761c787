package com.serviceaccounts.command.serviceaccount;

import java.util.UUID;

/**
 * The account does not exist in the company named by the request. Raised alike for an unknown id
 * and for another company's account, so that a caller learns nothing about other tenants.
 */
public class ServiceAccountNotFoundException extends RuntimeException {

  public ServiceAccountNotFoundException(UUID companyId, UUID accountId) {
    super("service account " + accountId + " not found in company " + companyId);
  }
}
