package com.serviceaccounts.security.problems;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryPredicate;

/**
 * A read that met a connection the database had ended (a restart, a failover: {@link
 * DatabaseUnavailableProblems#connectionEnded}) is read again at once, so its caller sees no
 * failure. HikariCP hands out each connection used within the last half second unchecked, and drops
 * it once it fails: a read may meet as many ended ones as the pool holds ({@code
 * spring.datasource.hikari.maximum-pool-size}, HikariCP's 10 unless set), each failing at once,
 * before a fresh one. For methods that only read: a change tried again might be stored twice.
 * Spring's {@code @Retryable}; the service enables it with {@code @EnableResilientMethods}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(
    predicate = ReadAgainOnAnEndedConnection.WhenEnded.class,
    maxRetriesString = "${spring.datasource.hikari.maximum-pool-size:10}",
    delay = 0)
public @interface ReadAgainOnAnEndedConnection {

  /** Tries again only when the connection had been ended. */
  final class WhenEnded implements MethodRetryPredicate {

    @Override
    public boolean shouldRetry(Method method, Throwable failure) {
      return DatabaseUnavailableProblems.connectionEnded(failure);
    }
  }
}
