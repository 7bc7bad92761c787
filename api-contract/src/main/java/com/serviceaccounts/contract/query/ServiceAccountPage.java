package com.serviceaccounts.contract.query;

import java.util.List;

/** One page of a company's service accounts, sorted by name (case-insensitively), then id. */
public record ServiceAccountPage(
    List<ServiceAccountView> items, int page, int size, long totalItems, long totalPages) {

  public static ServiceAccountPage of(
      List<ServiceAccountView> items, int page, int size, long totalItems) {
    return new ServiceAccountPage(items, page, size, totalItems, (totalItems + size - 1) / size);
  }
}
