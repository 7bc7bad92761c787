package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * A read model kept up to date from the event stream. The intake applies every event to every
 * projection in one transaction, so an implementation must be idempotent: applying an event it has
 * already seen changes nothing. It throws {@link VersionGapException} when an event cannot be
 * applied yet because an earlier one is missing; the intake then retries instead of skipping it.
 */
public interface Projection {

  void apply(EventEnvelope event);
}
