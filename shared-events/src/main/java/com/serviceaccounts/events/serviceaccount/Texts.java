package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.text.UntrustedText;

/** The rule of an event's texts: what a client's text may hold ({@link UntrustedText#defect}). */
final class Texts {

  private Texts() {}

  /**
   * @throws IllegalArgumentException if {@code value} holds a control character or an unpaired
   *     surrogate, which no command side writes and a store would keep as something else ({@code
   *     ?})
   */
  static void require(String field, String value) {
    String defect = UntrustedText.defect(value, Integer.MAX_VALUE);
    if (defect != null) {
      throw new IllegalArgumentException(field + " " + defect);
    }
  }
}
