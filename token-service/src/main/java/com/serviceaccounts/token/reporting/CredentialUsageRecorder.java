package com.serviceaccounts.token.reporting;

import com.serviceaccounts.events.usage.CredentialUsage;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * "Last used", without a write per token: each issued token is counted in memory per account and
 * secret, and every {@code usage-flush-interval} the counts go to Kafka as {@link CredentialUsage}
 * records keyed by account id, one per account and secret used since the last flush. Also flushed
 * when the service stops.
 *
 * <p>Taking an entry out of the map and adding to it are both atomic per key, so a token counted
 * during a flush lands either in this report or in the next, never in none.
 */
@Component
public class CredentialUsageRecorder {

  private static final Logger log = LoggerFactory.getLogger(CredentialUsageRecorder.class);

  private final ConcurrentMap<Key, Usage> pending = new ConcurrentHashMap<>();
  private final ReportSender sender;
  private final ReportingProperties properties;

  CredentialUsageRecorder(ReportSender sender, ReportingProperties properties) {
    this.sender = sender;
    this.properties = properties;
  }

  public void tokenIssued(UUID accountId, UUID companyId, int secretNumber, Instant at) {
    pending.merge(
        new Key(accountId, companyId, secretNumber),
        new Usage(at, 1),
        CredentialUsageRecorder::sum);
  }

  @Scheduled(
      fixedDelayString = "${service-accounts.token.reporting.usage-flush-interval:5s}",
      initialDelayString = "${service-accounts.token.reporting.usage-flush-interval:5s}")
  void flush() {
    send();
  }

  @PreDestroy
  void flushOnShutdown() {
    CompletableFuture<?> all = CompletableFuture.allOf(send().toArray(CompletableFuture[]::new));
    sender.flush();
    try {
      all.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("usage of the last interval may be lost: {}", e.getMessage());
    }
  }

  private List<CompletableFuture<?>> send() {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (Key key : List.copyOf(pending.keySet())) {
      Usage usage = pending.remove(key);
      if (usage == null) {
        continue;
      }
      CredentialUsage record =
          new CredentialUsage(
              key.accountId(),
              key.companyId(),
              key.secretNumber(),
              usage.lastUsedAt(),
              usage.count());
      sends.add(
          sender
              .send(properties.usageTopic(), key.accountId().toString(), record)
              .whenComplete(
                  (sent, failure) -> {
                    if (failure != null) {
                      log.warn(
                          "usage of account {} secret {} not sent, kept for the next flush: {}",
                          key.accountId(),
                          key.secretNumber(),
                          failure.getMessage());
                      pending.merge(key, usage, CredentialUsageRecorder::sum);
                    }
                  }));
    }
    return sends;
  }

  private static Usage sum(Usage a, Usage b) {
    Instant last = a.lastUsedAt().isAfter(b.lastUsedAt()) ? a.lastUsedAt() : b.lastUsedAt();
    return new Usage(last, a.count() + b.count());
  }

  private record Key(UUID accountId, UUID companyId, int secretNumber) {}

  private record Usage(Instant lastUsedAt, long count) {}
}
