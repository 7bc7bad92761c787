package com.serviceaccounts.command.serviceaccount;

/**
 * A service account's contact lives in exactly one company directory; this email is taken. The
 * message does not repeat the email: a refusal's detail is kept for good in the company's security
 * chain, where no erasure reaches.
 */
public class ContactEmailInUseException extends RuntimeException {

  ContactEmailInUseException() {
    super(
        "this contact email already belongs to a service account's contact; a contact lives in"
            + " exactly one company directory, so choose another email");
  }
}
