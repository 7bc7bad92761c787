package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A watch learns its account's commits and no other account's. Waits that should end early are
 * given an hour, so that a missed wake-up fails the test instead of passing slowly.
 */
class CommittedVersionsTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private final CommittedVersions<UUID> versions = new CommittedVersions<>();
  private final UUID account = UUID.randomUUID();

  @Test
  void aWaitingReaderWakesWhenItsAccountReachesTheVersion() throws Exception {
    try (CommittedVersions<UUID>.Watch watch = versions.watch(account)) {
      AtomicReference<Thread> reader = new AtomicReference<>();
      CompletableFuture<Long> version =
          CompletableFuture.supplyAsync(
              () -> {
                reader.set(Thread.currentThread());
                try {
                  return watch.awaitVersion(3, HOUR);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await()
          .until(
              () -> reader.get() != null && reader.get().getState() == Thread.State.TIMED_WAITING);

      versions.committed(Map.of(account, 2L));
      versions.committed(Map.of(UUID.randomUUID(), 9L));
      assertThat(version).isNotDone();
      versions.committed(Map.of(account, 4L, UUID.randomUUID(), 1L));

      assertThat(version.get(30, TimeUnit.SECONDS)).isEqualTo(4);
    }
  }

  @Test
  void aCommitBetweenWatchingAndWaitingIsNotMissed() throws Exception {
    try (CommittedVersions<UUID>.Watch watch = versions.watch(account)) {
      versions.committed(Map.of(account, 2L));
      assertThat(watch.awaitVersion(2, HOUR)).isEqualTo(2);
    }
  }

  @Test
  void otherAccountsCommitsDoNotCount() throws Exception {
    try (CommittedVersions<UUID>.Watch watch = versions.watch(account)) {
      versions.committed(Map.of(UUID.randomUUID(), 5L));
      assertThat(watch.awaitVersion(1, Duration.ofMillis(20))).isZero();
    }
  }

  @Test
  void everyReaderOfAnAccountLearnsItsCommitAndClosedWatchesAreForgotten() throws Exception {
    try (CommittedVersions<UUID>.Watch first = versions.watch(account);
        CommittedVersions<UUID>.Watch second = versions.watch(account)) {
      versions.committed(Map.of(account, 7L));
      assertThat(first.awaitVersion(7, HOUR)).isEqualTo(7);
      assertThat(second.awaitVersion(7, HOUR)).isEqualTo(7);
      assertThat(versions.watchedKeys()).isOne();
    }
    assertThat(versions.watchedKeys()).isZero();
  }
}
