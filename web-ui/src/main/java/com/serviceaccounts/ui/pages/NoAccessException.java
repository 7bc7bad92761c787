package com.serviceaccounts.ui.pages;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The signed-in user holds too low a level for the page; the page says which one is needed. */
@ResponseStatus(HttpStatus.FORBIDDEN)
class NoAccessException extends RuntimeException {

  /**
   * @param textKey the key in {@code messages.properties} of what the page says is needed
   */
  NoAccessException(String textKey) {
    super(textKey);
  }
}
