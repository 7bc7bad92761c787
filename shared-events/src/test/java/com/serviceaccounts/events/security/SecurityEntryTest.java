package com.serviceaccounts.events.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.usage.CredentialUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a reader of the side topics takes: what the services write, and nothing else. */
class SecurityEntryTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

  private static SecurityEntry entry(
      String operation, String reason, String actor, String correlationId, Instant at) {
    return new SecurityEntry(
        UUID.randomUUID(),
        UUID.randomUUID(),
        null,
        "token-service",
        operation,
        401,
        reason,
        actor,
        "service_account",
        correlationId,
        at);
  }

  /** An entry as token-service writes it, but from {@code source} with {@code status}. */
  private static SecurityEntry sourceAndStatus(String source, int status) {
    SecurityEntry e = written();
    return new SecurityEntry(
        e.entryId(),
        e.companyId(),
        null,
        source,
        e.operation(),
        status,
        e.reason(),
        e.actor(),
        e.actorType(),
        e.correlationId(),
        e.occurredAt());
  }

  private static SecurityEntry written() {
    return entry(
        "client_credentials", "wrong secret", "sa_x1", "5d0f8e6e-1b4c-4a8e-9d1e-0f3c2b7a9e11", NOW);
  }

  @Test
  void takesWhatTheServicesWrite() {
    assertThat(written().defect(NOW)).isNull();
    assertThat(entry("PATCH /companies/{id}", "r", "user:alice@acme.example", null, NOW))
        .extracting(e -> e.defect(NOW.minus(Duration.ofMinutes(4))))
        .isNull();
  }

  @Test
  void refusesWhatNoServiceWrites() {
    assertThat(entry("op", "r".repeat(501), "sa_x1", "c1", NOW).defect(NOW))
        .startsWith("reason must be at most 500");
    assertThat(entry("o".repeat(201), "r", "sa_x1", "c1", NOW).defect(NOW))
        .startsWith("operation must be at most 200");
    assertThat(entry("op", "a\u0000b", "sa_x1", "c1", NOW).defect(NOW))
        .startsWith("reason must not contain control characters");
    assertThat(entry("op", "r", "=HYPERLINK(\"x\")", "c1", NOW).defect(NOW)).startsWith("actor");
    assertThat(entry("op", "r", "sa_x1", "=1+1", NOW).defect(NOW)).startsWith("correlationId");
    assertThat(entry("op", "r", "sa_x1", "c1", NOW.plus(Duration.ofHours(1))).defect(NOW))
        .startsWith("occurredAt is 2026-12-06T09:00:00Z, more than 5 minutes ahead");
    assertThat(sourceAndStatus("anyone", 401).defect(NOW)).startsWith("source must be one of");
    assertThat(sourceAndStatus("token-service", 200).defect(NOW)).startsWith("status must be");
  }

  @Test
  void aUsageReportIsOfASecretAndNotAheadOfTheClock() {
    UUID account = UUID.randomUUID();
    UUID company = UUID.randomUUID();
    assertThat(new CredentialUsage(account, company, 1, NOW, 3).defect(NOW)).isNull();
    assertThat(new CredentialUsage(account, company, 0, NOW, 3).defect(NOW))
        .startsWith("secretNumber must be at least 1");
    assertThat(new CredentialUsage(account, company, 1, NOW, -1).defect(NOW))
        .contains("tokensIssued at least 0");
    assertThat(new CredentialUsage(account, company, 1, NOW.plusSeconds(301), 3).defect(NOW))
        .startsWith("lastUsedAt is");
    assertThat(new CredentialUsage(account, company, 1, NOW.plusSeconds(299), 3).defect(NOW))
        .isNull();
    assertThat(new CredentialUsage(null, company, 1, NOW, 3).defect(NOW)).contains("required");
  }
}
