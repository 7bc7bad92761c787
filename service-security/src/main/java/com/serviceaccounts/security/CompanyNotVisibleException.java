package com.serviceaccounts.security;

import java.util.UUID;

/** The caller does not belong to the company; answered as a 404, like an unknown resource. */
public class CompanyNotVisibleException extends RuntimeException {

  CompanyNotVisibleException(UUID company) {
    super("company " + company + " has no such resource");
  }
}
