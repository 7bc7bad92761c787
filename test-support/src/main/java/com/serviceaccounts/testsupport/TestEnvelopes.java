package com.serviceaccounts.testsupport;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Events enveloped as command-service publishes them, for the tests of their consumers. */
public final class TestEnvelopes {

  /** The command side numbers each company's events 1, 2, 3, ...; so does this. */
  private static final Map<UUID, AtomicLong> COMPANY_SEQUENCES = new ConcurrentHashMap<>();

  private TestEnvelopes() {}

  /**
   * {@code payload} as its account's event number {@code version}, by {@code actor} (the system's
   * where it starts with {@code service-accounts:}, else a person's) at {@code time}, with the
   * company's next sequence number.
   */
  public static EventEnvelope of(
      ServiceAccountEvent payload, long version, Instant time, String actor) {
    return new EventEnvelope(
        UUID.randomUUID(),
        EventType.of(payload),
        payload.accountId(),
        payload.companyId(),
        version,
        COMPANY_SEQUENCES
            .computeIfAbsent(payload.companyId(), company -> new AtomicLong())
            .incrementAndGet(),
        time,
        actor,
        actor.startsWith("service-accounts:") ? "system" : "user",
        "req-" + UUID.randomUUID(),
        payload);
  }
}
