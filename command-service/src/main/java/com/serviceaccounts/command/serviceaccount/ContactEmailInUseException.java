package com.serviceaccounts.command.serviceaccount;

/** A service account's contact lives in exactly one company directory; this email is taken. */
public class ContactEmailInUseException extends RuntimeException {

  ContactEmailInUseException(String email) {
    super(
        "contact email "
            + email
            + " already belongs to a service account's contact; a contact lives in exactly one"
            + " company directory, so choose another email");
  }
}
