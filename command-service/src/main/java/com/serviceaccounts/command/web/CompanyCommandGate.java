package com.serviceaccounts.command.web;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How many of one company's commands an instance runs at once: {@link #PER_COMPANY}, so that one
 * company's burst (twenty edits of one account, each holding a database connection while it waits
 * for the company's turn in the event sequence) cannot take the pool's ten connections from every
 * other company's commands. A company's commands are stored one after the other anyway (the row
 * lock of its sequence), so it loses little. One more waits for its turn, holding no connection, at
 * most {@link #WAIT}, then is a 503 with {@code Retry-After}. Companies share {@link #STRIPES}
 * stripes of permits by their id's hash, so nothing grows with the companies seen. Hand-written:
 * HikariCP bounds the pool, not one tenant's share of it.
 */
@Configuration(proxyBeanMethods = false)
class CompanyCommandGate implements HandlerInterceptor, WebMvcConfigurer {

  static final int PER_COMPANY = 3;
  static final Duration WAIT = Duration.ofSeconds(2);
  static final int STRIPES = 1024;

  private static final String HELD = CompanyCommandGate.class.getName() + ".held";

  private final Semaphore[] stripes = new Semaphore[STRIPES];

  CompanyCommandGate() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Semaphore(PER_COMPANY, true);
    }
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/companies/*/service-accounts/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws InterruptedException, IOException {
    UUID company = companyOf(request);
    if (company == null || !changes(request)) {
      return true;
    }
    Semaphore stripe = stripes[Math.floorMod(company.hashCode(), STRIPES)];
    if (!stripe.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      response.setHeader(HttpHeaders.RETRY_AFTER, "1");
      ProblemResponses.write(
          request,
          response,
          ProblemResponses.problem(
              HttpStatus.SERVICE_UNAVAILABLE,
              "unavailable",
              ProblemCode.UNAVAILABLE,
              "Service unavailable",
              "the company's changes arrive faster than they are stored; try again in a second"));
      return false;
    }
    request.setAttribute(HELD, stripe);
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception failed) {
    if (request.getAttribute(HELD) instanceof Semaphore held) {
      request.removeAttribute(HELD);
      held.release();
    }
  }

  private static boolean changes(HttpServletRequest request) {
    return !(HttpMethod.GET.matches(request.getMethod())
        || HttpMethod.HEAD.matches(request.getMethod())
        || HttpMethod.OPTIONS.matches(request.getMethod()));
  }

  /** The company the path names, or null. */
  private static UUID companyOf(HttpServletRequest request) {
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
            instanceof Map<?, ?> variables
        && variables.get("companyId") instanceof String company) {
      try {
        return UUID.fromString(company);
      } catch (IllegalArgumentException notAnId) {
        return null; // the handler refuses it
      }
    }
    return null;
  }
}
