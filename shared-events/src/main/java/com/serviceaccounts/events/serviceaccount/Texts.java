package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.text.UntrustedText;

/**
 * The rule of an event's texts: what a client's text may hold ({@link UntrustedText#defect}), up to
 * a length per field. Each length is far above what the command side writes (a name: 100
 * characters; an email, 254, sealed; a marketplace app, 100), so that every event written stays
 * readable, yet bounds what a forged event can make the projections store and serve.
 */
final class Texts {

  static final int MAX_CLIENT_ID = 200;
  static final int MAX_NAME = 1_000;
  static final int MAX_MARKETPLACE_APP_ID = 200;
  static final int MAX_SEALED_CONTACT_EMAIL = 2_000;
  static final int MAX_TOOL = 200;

  /** Tools one permissions event may change: far above the tools a company has. */
  static final int MAX_TOOLS = 1_000;

  private Texts() {}

  /**
   * @throws IllegalArgumentException if {@code value} holds a control character or an unpaired
   *     surrogate, which no command side writes and a store would keep as something else ({@code
   *     ?}), or is longer than {@code maxLength}
   */
  static void require(String field, String value, int maxLength) {
    String defect = UntrustedText.defect(value, maxLength);
    if (defect != null) {
      throw new IllegalArgumentException(field + " " + defect);
    }
  }

  /**
   * As {@link #require(String, String, int)}, for the values before and after a change, where
   * given: the audit trail stores and serves both.
   */
  static void require(String field, ValueChange<String> change, int maxLength) {
    if (change != null && change.before() != null) {
      require(field + ".before", change.before(), maxLength);
    }
    if (change != null && change.after() != null) {
      require(field + ".after", change.after(), maxLength);
    }
  }
}
