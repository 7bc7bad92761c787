package com.serviceaccounts.command.web;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationClassFilter;
import org.springframework.aop.support.annotation.AnnotationMethodMatcher;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many of one company's commands an instance runs at once: {@link #PER_COMPANY}, so that one
 * company's burst (twenty edits of one account, each holding a database connection while it waits
 * for the company's turn in the event sequence) cannot take the pool's ten connections from every
 * other company's commands. A company's commands are stored one after the other anyway (the row
 * lock of its sequence), so it loses little. Up to {@link #WAITING} more wait for their turn,
 * holding no connection, at most {@link #WAIT}, then are a 503 with {@code Retry-After}; one more
 * than that is a 503 at once, so that a company's flood of connections holds at most {@link
 * #PER_COMPANY} + {@link #WAITING} request threads (eight hundred waiting two seconds each slowed
 * every other company's commands by seconds). A permit is taken around the handler of a change,
 * inside its method security: only by a caller allowed to change the company, and only once the
 * request's body is read (three slow bodies of anyone held a company's permits for as long as they
 * kept sending). Each company's permits are its own, kept only while one of its changes is in the
 * gate, so nothing grows with the companies seen (companies that shared permits by their id's hash
 * were held up by each other's bursts). Hand-written: HikariCP bounds the pool, not one tenant's
 * share of it.
 */
final class CompanyCommandGate implements MethodInterceptor {

  static final int PER_COMPANY = 3;
  static final int WAITING = 16;
  static final Duration WAIT = Duration.ofSeconds(2);
  private static final String COMPANY = "companyId";

  /** The permits of each company with a change in the gate. */
  private final Map<UUID, Turns> companies = new ConcurrentHashMap<>();

  private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
  private final Map<Method, Integer> companyParameters = new ConcurrentHashMap<>();

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    UUID company = companyOf(invocation);
    if (company == null) {
      return invocation.proceed();
    }
    Turns turns =
        companies.compute(company, (id, kept) -> (kept == null ? new Turns() : kept).enter());
    try {
      if (!turns.running.tryAcquire(0, TimeUnit.MILLISECONDS) && !turns.waitForTurn()) {
        ErrorResponseException busy =
            new ErrorResponseException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemResponses.problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "unavailable",
                    ProblemCode.UNAVAILABLE,
                    "Service unavailable",
                    "the company's changes arrive faster than they are stored; try again in a"
                        + " second"),
                null);
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        throw busy;
      }
      try {
        return invocation.proceed();
      } finally {
        turns.running.release();
      }
    } finally {
      companies.computeIfPresent(company, (id, kept) -> kept.leave());
    }
  }

  /**
   * One company's permits, and how many of its changes are in the gate (counted as the map entry is
   * computed, so that the last to leave removes it).
   */
  private static final class Turns {

    final Semaphore running = new Semaphore(PER_COMPANY, true);
    final Semaphore waiting = new Semaphore(WAITING);
    private final AtomicInteger inGate = new AtomicInteger();

    Turns enter() {
      inGate.incrementAndGet();
      return this;
    }

    /** These permits, or none once the last change in the gate leaves. */
    Turns leave() {
      return inGate.decrementAndGet() == 0 ? null : this;
    }

    /**
     * Whether a permit came within {@link #WAIT}; false at once when every waiting place is taken.
     */
    boolean waitForTurn() throws InterruptedException {
      if (!waiting.tryAcquire()) {
        return false;
      }
      try {
        return running.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        waiting.release();
      }
    }
  }

  /** How many companies have a change in the gate now: those whose permits are kept. */
  int companiesInGate() {
    return companies.size();
  }

  /** The company the handler's {@code companyId} names, or null. */
  private UUID companyOf(MethodInvocation invocation) {
    int index = companyParameters.computeIfAbsent(invocation.getMethod(), this::companyParameter);
    return index >= 0 && invocation.getArguments()[index] instanceof UUID company ? company : null;
  }

  /** Where the handler takes {@code companyId}; -1 if it does not. Read once per handler. */
  private int companyParameter(Method method) {
    String[] parameters = names.getParameterNames(method);
    return parameters == null ? -1 : Arrays.asList(parameters).indexOf(COMPANY);
  }

  @Configuration(proxyBeanMethods = false)
  static class Installation {

    /**
     * Around each change's handler, inside the method security that checks its caller; an
     * infrastructure bean, as the advisors the method security's proxies apply are.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor companyCommandGate() {
      ComposablePointcut changes = null;
      for (var mapping :
          List.of(PostMapping.class, PatchMapping.class, PutMapping.class, DeleteMapping.class)) {
        ComposablePointcut handlers =
            new ComposablePointcut(
                new AnnotationClassFilter(RestController.class, true),
                new AnnotationMethodMatcher(mapping, true));
        changes = changes == null ? handlers : changes.union(handlers);
      }
      DefaultPointcutAdvisor advisor =
          new DefaultPointcutAdvisor(changes, new CompanyCommandGate());
      advisor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder() + 1);
      return advisor;
    }
  }
}
