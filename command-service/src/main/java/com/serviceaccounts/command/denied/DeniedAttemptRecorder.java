package com.serviceaccounts.command.denied;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.tokens.AuthenticatedCallers;
import com.serviceaccounts.security.tokens.CallerIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every refused command of a caller of the company it was aimed at (a person or an
 * integration its token names as one of the company's) as a {@link SecurityEntry} (which ones, and
 * what the entry says of the route: {@link RecordedRoutes}) before the refusal reaches the caller:
 * the response is held back until the entry is committed to the outbox, and a request whose entry
 * cannot be stored is answered 503 instead. So no refusal is ever answered without its record. Runs
 * outside Spring Security's filters, so that it sees the refusals of method security too; who the
 * caller was it reads where Spring Security keeps a stateless request's authentication, the
 * request's security context ({@link RequestAttributeSecurityContextRepository}). A request no
 * valid token authenticated, or one of another company's caller, is not recorded: anyone could
 * otherwise write without limit into any company's chain, and one company's callers would show in
 * another's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DeniedAttemptRecorder extends OncePerRequestFilter {

  static final String SOURCE = "command-service";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecurityContextRepository SECURITY_CONTEXTS =
      new RequestAttributeSecurityContextRepository();

  private final SecurityOutbox outbox;
  private final Clock clock;

  DeniedAttemptRecorder(SecurityOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return route(request).isEmpty();
  }

  private static Optional<RecordedRoutes.Route> route(HttpServletRequest request) {
    return RecordedRoutes.of(request.getMethod(), request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, held);
    } finally {
      if (RecordedRoutes.STATUSES.contains(held.getStatus())) {
        record(request, held);
      }
      held.copyBodyToResponse();
    }
  }

  private void record(HttpServletRequest request, ContentCachingResponseWrapper response) {
    RecordedRoutes.Route route = route(request).orElseThrow();
    Optional<CallerIdentity> caller =
        caller(request).filter(member -> member.companies().containsKey(route.companyId()));
    if (caller.isEmpty()) {
      // Anyone can aim a request at any company: only its own people and integrations write
      // into its trail, and nothing of one company's callers shows in another's.
      return;
    }
    SecurityEntry entry =
        new SecurityEntry(
            UUID.randomUUID(),
            route.companyId(),
            route.accountId(),
            SOURCE,
            storable(route.operation(), SecurityEntry.MAX_OPERATION_LENGTH),
            response.getStatus(),
            storable(reason(response), SecurityEntry.MAX_REASON_LENGTH),
            storable(caller.get().actor(), Actors.MAX_LENGTH),
            caller.get().actorType(),
            response.getHeader("X-Correlation-Id"),
            clock.instant());
    try {
      outbox.add(entry);
    } catch (RuntimeException e) {
      logger.error("refused request not recorded; answering 503 instead", e);
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "5");
      response.setContentType("application/problem+json");
      byte[] body =
          ("{\"type\":\"urn:service-accounts:problem:unavailable\",\"title\":\"Service"
                  + " unavailable\",\"status\":503,\"detail\":\"the request was refused, but the"
                  + " refusal could not be recorded; try again later\",\"code\":\"unavailable\"}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try {
        response.getOutputStream().write(body);
      } catch (IOException unwritable) {
        e.addSuppressed(unwritable);
      }
    }
  }

  /** The caller whose bearer token the resource server accepted for this request, if any. */
  private static Optional<CallerIdentity> caller(HttpServletRequest request) {
    Authentication authentication =
        SECURITY_CONTEXTS.loadDeferredContext(request).get().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt)) {
      return Optional.empty();
    }
    return Optional.of(AuthenticatedCallers.of(authentication));
  }

  /**
   * Every text of an entry may carry a caller's input (the problem's detail repeats a refused
   * value, the route a path, the actor a token's subject): escaped and cut so that PostgreSQL's
   * {@code text}, the JSON of the outbox and every reader downstream take it.
   */
  private static String storable(String text, int max) {
    return UntrustedText.escape(text, max);
  }

  /** The problem's {@code detail} (what the caller was told), or its status text. */
  private static String reason(ContentCachingResponseWrapper response) {
    Optional<String> detail = Optional.empty();
    try {
      JsonNode problem = JSON.readTree(response.getContentAsByteArray());
      if (problem != null && problem.path("detail").isTextual()) {
        detail = Optional.of(problem.get("detail").asText());
      }
    } catch (IOException notJson) {
      // not a problem document: the status says it all
    }
    return detail.orElse("HTTP " + response.getStatus());
  }
}
