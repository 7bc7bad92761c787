package com.serviceaccounts.intake;

/**
 * A parked record that cannot be re-driven now: one stored before its value was kept (it can be
 * discarded only), or one a re-drive has published and whose copy is on its way back.
 */
class NotRedrivableException extends RuntimeException {

  NotRedrivableException(String noun, long id) {
    this(
        "parked %s #%d was parked without its value; re-publish its copy from the dead-letter topic, then discard it"
            .formatted(noun, id));
  }

  private NotRedrivableException(String message) {
    super(message);
  }

  /** One a re-drive published, whose copy has not come back yet (applied, or parked again). */
  static NotRedrivableException underWay(String noun, long id, String since) {
    return new NotRedrivableException(
        "parked %s #%d is being re-driven (published %s): it closes when its copy is applied, or is parked again"
            .formatted(noun, id, since));
  }
}
