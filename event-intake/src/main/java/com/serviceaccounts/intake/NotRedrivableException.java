package com.serviceaccounts.intake;

/** A parked record stored before its value was kept: it can be discarded, not re-driven. */
class NotRedrivableException extends RuntimeException {
  NotRedrivableException(String noun, long id) {
    super(
        "parked %s #%d was parked without its value; re-publish its copy from the dead-letter topic, then discard it"
            .formatted(noun, id));
  }
}
