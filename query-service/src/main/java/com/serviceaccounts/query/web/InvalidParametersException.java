package com.serviceaccounts.query.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request parameters whose values the request cannot be answered with, each with what is wrong:
 * answered as a 400 problem that names them, like the parameters Spring itself rejects.
 */
public class InvalidParametersException extends RuntimeException {

  private final Map<String, String> reasons;

  /**
   * @param reasons parameter name to what is wrong with its value, e.g. {@code "must be one of A,
   *     B, was 'C'"}; not empty
   */
  public InvalidParametersException(Map<String, String> reasons) {
    super("invalid request parameters " + reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("name at least one invalid parameter");
    }
    this.reasons = new LinkedHashMap<>(reasons);
  }

  /** Parameter name to reason, in the order the parameters were checked. */
  public Map<String, String> reasons() {
    return new LinkedHashMap<>(reasons);
  }
}
