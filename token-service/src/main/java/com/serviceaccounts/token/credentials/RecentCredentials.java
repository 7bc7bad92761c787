package com.serviceaccounts.token.credentials;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The credentials a token request authenticates against: the store's row for the client id, kept
 * for at most {@code maxAge}, so that a client asking for token after token is not a database read
 * each time.
 *
 * <p>A change this instance commits forgets the client's row at once ({@link #forget}); a change
 * another instance commits (instances share the database and split the topic's partitions) counts
 * here once the kept row is {@code maxAge} old. So a deactivation, a deletion or a change of
 * permissions reaches new tokens at most {@code maxAge} after the store has it. A new account or
 * secret is never kept waiting: a client id the store does not know is not kept, and a secret that
 * matches none of the kept row's is looked up in the store again by the caller.
 */
public class RecentCredentials {

  /**
   * The meters' {@code cache} tag: {@code cache_gets_total{cache=…,result="hit"|"miss"}} and more.
   */
  public static final String METER_NAME = "token.client.credentials.recent";

  private final Function<String, Optional<StoredClientCredentials>> store;
  private final AsyncCache<String, StoredClientCredentials> recent;

  /**
   * @param store reads a client's credentials from the store
   * @param maxAge how long a row read from the store serves; {@code 0s}: every request reads the
   *     store
   * @param maxClients how many clients' rows are kept at most
   * @param meters where the cache's hits, misses and size are counted
   */
  public RecentCredentials(
      Function<String, Optional<StoredClientCredentials>> store,
      Duration maxAge,
      int maxClients,
      MeterRegistry meters) {
    this(store, maxAge, maxClients, meters, Ticker.systemTicker());
  }

  RecentCredentials(
      Function<String, Optional<StoredClientCredentials>> store,
      Duration maxAge,
      int maxClients,
      MeterRegistry meters,
      Ticker ticker) {
    this.store = store;
    // At 0s a row is expired as soon as it is written: every request reads the store.
    this.recent =
        Caffeine.newBuilder()
            .expireAfterWrite(maxAge)
            .maximumSize(maxClients)
            .ticker(ticker)
            .recordStats()
            .buildAsync();
    CaffeineCacheMetrics.monitor(meters, recent, METER_NAME);
  }

  /**
   * The client's credentials: the kept row if it is younger than {@code maxAge}, else the store's.
   */
  public Optional<StoredClientCredentials> find(String clientId) {
    // Requests for one client id that come while its row is read share that read, and its
    // failure: while the database is away they are answered together, not one after another. A
    // forget() during the read keeps what it read out (the read's entry is gone when it ends).
    CompletableFuture<StoredClientCredentials> mine = new CompletableFuture<>();
    CompletableFuture<StoredClientCredentials> read = recent.get(clientId, (id, unused) -> mine);
    if (read == mine) {
      try {
        mine.complete(store.apply(clientId).orElse(null));
      } catch (RuntimeException failed) {
        mine.completeExceptionally(failed);
      }
    }
    try {
      return Optional.ofNullable(read.join());
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
  }

  /** Drops the kept rows of these clients: their next request reads the store. */
  public void forget(Collection<String> clientIds) {
    recent.synchronous().invalidateAll(clientIds);
  }
}
