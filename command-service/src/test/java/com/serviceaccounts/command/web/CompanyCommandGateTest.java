package com.serviceaccounts.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class CompanyCommandGateTest {

  private final CompanyCommandGate gate = new CompanyCommandGate();
  private final UUID company = UUID.randomUUID();

  @Test
  void oneMoreThanTheWaitingPlacesIsToldToComeBackWhileTheOthersStillWait() throws Exception {
    int running = CompanyCommandGate.PER_COMPANY;
    int waiting = CompanyCommandGate.WAITING;
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(running);
    ExecutorService threads = Executors.newFixedThreadPool(running + waiting);
    try {
      for (int i = 0; i < running; i++) {
        threads.submit(() -> through(change(() -> hold(started, stored))));
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Object>> waiters = new ArrayList<>();
      for (int i = 0; i < waiting; i++) {
        waiters.add(threads.submit(() -> through(change(() -> "stored"))));
      }
      while (((ThreadPoolExecutor) threads).getActiveCount() < running + waiting) {
        Thread.sleep(10);
      }
      Thread.sleep(200); // the waiters are in the gate by now

      assertThatThrownBy(() -> through(change(() -> "one too many")))
          .isInstanceOfSatisfying(
              ErrorResponseException.class,
              busy -> {
                assertThat(busy.getStatusCode().value()).isEqualTo(503);
                assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
              });
      assertThat(waiters).noneMatch(Future::isDone);

      stored.countDown();
      for (Future<Object> waiter : waiters) {
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("stored");
      }
      assertThat(through(change(() -> "after"))).isEqualTo("after");
    } finally {
      stored.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void otherCompaniesChangesGoAheadWhileOneCompanysPlacesAreTaken() throws Exception {
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(CompanyCommandGate.PER_COMPANY);
    ExecutorService threads = Executors.newFixedThreadPool(CompanyCommandGate.PER_COMPANY);
    try {
      for (int i = 0; i < CompanyCommandGate.PER_COMPANY; i++) {
        threads.submit(() -> through(change(() -> hold(started, stored))));
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      // One whose id has the same hash too (permits shared by hash held it up).
      UUID sameHash =
          new UUID(company.getMostSignificantBits() ^ 1, company.getLeastSignificantBits() ^ 1);
      assertThat(sameHash.hashCode()).isEqualTo(company.hashCode());
      assertThat(through(change(sameHash, () -> "same hash"))).isEqualTo("same hash");
      for (int i = 0; i < 1_000; i++) {
        UUID other = UUID.randomUUID();
        assertThat(through(change(other, () -> "other"))).isEqualTo("other");
      }
      // Only the company whose changes are still in the gate keeps its permits.
      assertThat(gate.companiesInGate()).isEqualTo(1);
      stored.countDown();
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(gate.companiesInGate()).isZero();
    } finally {
      stored.countDown();
      threads.shutdownNow();
    }
  }

  /** The gate's answer to {@code call}: what the handler gave, or what the gate threw. */
  private Object through(MethodInvocation call) throws Exception {
    try {
      return gate.invoke(call);
    } catch (Exception | Error thrown) {
      throw thrown;
    } catch (Throwable other) {
      throw new IllegalStateException(other);
    }
  }

  private static Object hold(CountDownLatch started, CountDownLatch stored) throws Exception {
    started.countDown();
    stored.await();
    return "held";
  }

  private MethodInvocation change(Handler handler) {
    return change(company, handler);
  }

  /** A call of a change's handler, {@code change(companyId)}, that the gate lets through. */
  private static MethodInvocation change(UUID companyId, Handler handler) {
    return new MethodInvocation() {
      @Override
      public Method getMethod() {
        try {
          return Handlers.class.getDeclaredMethod("change", UUID.class);
        } catch (NoSuchMethodException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public Object[] getArguments() {
        return new Object[] {companyId};
      }

      @Override
      public Object proceed() throws Throwable {
        return handler.handle();
      }

      @Override
      public Object getThis() {
        return null;
      }

      @Override
      public AccessibleObject getStaticPart() {
        return getMethod();
      }
    };
  }

  interface Handler {
    Object handle() throws Exception;
  }

  static class Handlers {
    void change(UUID companyId) {}
  }
}
