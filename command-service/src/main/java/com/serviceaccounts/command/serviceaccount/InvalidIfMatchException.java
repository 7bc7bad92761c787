package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.text.UntrustedText;

/** An {@code If-Match} header that is not an ETag this API gave out. */
public class InvalidIfMatchException extends RuntimeException {

  InvalidIfMatchException(String header) {
    super(
        "If-Match must be the ETag of a response of this API, such as \"3\"; was '"
            + UntrustedText.echo(header)
            + "'");
  }
}
