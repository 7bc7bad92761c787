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
 * DatabaseUnavailableProblems#connectionEnded}) is read again, at once and once only, on a fresh
 * connection, so its caller sees no failure. HikariCP hands out a connection used within the last
 * half second unchecked. For methods that only read: a change tried again might be stored twice.
 * Spring's {@code @Retryable}; the service enables it with {@code @EnableResilientMethods}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Retryable(predicate = ReadAgainOnAnEndedConnection.WhenEnded.class, maxRetries = 1, delay = 0)
public @interface ReadAgainOnAnEndedConnection {

  /** Tries again only when the connection had been ended. */
  final class WhenEnded implements MethodRetryPredicate {

    @Override
    public boolean shouldRetry(Method method, Throwable failure) {
      return DatabaseUnavailableProblems.connectionEnded(failure);
    }
  }
}
