package com.serviceaccounts.security;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;

/** The caller belongs to the company but its level in the tool is too low; a 403. */
public class InsufficientPermissionException extends RuntimeException {

  InsufficientPermissionException(String tool, PermissionLevel required, PermissionLevel actual) {
    super(
        "this needs "
            + required
            + " on the company's "
            + CompanyTools.displayName(tool)
            + " tool; your level there is "
            + actual);
  }
}
