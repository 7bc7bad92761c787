package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event arrived before one of its predecessors: an earlier version of its account, or an earlier
 * event of its company's sequence. The publisher delivers each company's events in order (at least
 * once), so a gap means something upstream is wrong: the record is retried, never skipped, and the
 * partition waits until the missing event shows up.
 */
public class VersionGapException extends RuntimeException {

  public VersionGapException(EventEnvelope event, String found) {
    super("cannot apply %s: %s".formatted(describe(event), found));
  }

  /** The event as these exceptions name it: its type, id, version and account. */
  static String describe(EventEnvelope event) {
    return "%s %s (version %d) of account %s"
        .formatted(event.type().shortName(), event.eventId(), event.version(), event.accountId());
  }

  public static VersionGapException inCompanySequence(EventEnvelope event, long applied) {
    return new VersionGapException(
        event,
        "it is number %d of company %s, whose events are applied up to number %d"
            .formatted(event.companySequence(), event.companyId(), applied));
  }
}
