package com.serviceaccounts.ui.signin;

import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.ui.UiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.session.TooManyActiveSessionsException;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the UI's sessions may cost, whoever asks: each is kept in memory until it ends. Nothing
 * before a sign-in makes one (the page asked first, the sign-in form's CSRF token and a sign-in
 * sent to a provider are kept in cookies): a flood of requests without a cookie kept a session each
 * for 30 minutes and brought the UI down out of memory, and then, bounded, kept people from signing
 * in. A session that is made all the same ends after {@link #BEFORE_SIGN_IN} unused until someone
 * signs in over it (then the configured idle timeout, {@code server.servlet.session.timeout},
 * applies: {@link #signedIn}), and at most {@code service-accounts.ui.max-sessions} are open at
 * once: one more is refused with 503 and {@code Retry-After}, while every open session goes on as
 * before. One person holds at most {@code service-accounts.ui.max-sessions-per-person} of them: a
 * sign-in over that ends their oldest, so that one person signing in again and again cannot take
 * every place.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimits {

  /** The session's attribute naming whose it is, once someone signed in over it. */
  private static final String PERSON = SessionLimits.class.getName() + ".person";

  /** The open sessions of each person signed in, oldest first. */
  private final Map<String, Deque<HttpSession>> sessionsByPerson = new ConcurrentHashMap<>();

  private final int maxPerPerson;

  SessionLimits(UiProperties properties) {
    this.maxPerPerson = properties.maxSessionsPerPerson();
  }

  /**
   * How long a session nobody has signed in over is kept unused: time to sign in, at the company's
   * identity provider too.
   */
  public static final Duration BEFORE_SIGN_IN = Duration.ofMinutes(10);

  /** Tomcat keeps no more sessions than the limit, and says so when asked for one more. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> sessionLimit(UiProperties properties) {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              ManagerBase manager =
                  context.getManager() instanceof ManagerBase made ? made : new StandardManager();
              manager.setMaxActiveSessions(properties.maxSessions());
              context.setManager(manager);
            });
  }

  /**
   * A new session is kept {@link #BEFORE_SIGN_IN} unused; an ended one is no longer its person's.
   */
  @Bean
  HttpSessionListener sessionEvents() {
    return new HttpSessionListener() {
      @Override
      public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval((int) BEFORE_SIGN_IN.toSeconds());
      }

      @Override
      public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession ended = event.getSession();
        if (ended.getAttribute(PERSON) instanceof String person) {
          forget(person, ended.getId());
        }
      }
    };
  }

  /** First of all filters: a request that would open one session too many is a 503. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sessionsFull() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                try {
                  chain.doFilter(request, response);
                } catch (ServletException | RuntimeException failed) {
                  if (!tooManySessions(failed) || response.isCommitted()) {
                    throw failed;
                  }
                  response.resetBuffer();
                  refuse(request, response);
                }
              }
            });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The request attribute that says a request was refused for the open sessions' limit. */
  public static final String FULL = SessionLimits.class.getName() + ".full";

  /** What the refusal says, on the error page and in its problem. */
  public static final String FULL_TEXT =
      "As many people are signed in as the UI holds at once; try again in a minute.";

  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute(FULL, Boolean.TRUE);
    response.setHeader(HttpHeaders.RETRY_AFTER, "60");
    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
  }

  /**
   * Gives a session {@code person} signed in over the configured idle timeout, and ends their
   * oldest while they hold more than they may.
   */
  public void signedIn(HttpSession session, String person) {
    session.setMaxInactiveInterval(session.getServletContext().getSessionTimeout() * 60);
    // Signed in over another person's session: it is no longer theirs.
    if (session.getAttribute(PERSON) instanceof String before && !before.equals(person)) {
      forget(before, session.getId());
    }
    session.setAttribute(PERSON, person);
    List<HttpSession> over = new ArrayList<>();
    sessionsByPerson.compute(
        person,
        (key, sessions) -> {
          Deque<HttpSession> open = sessions == null ? new ArrayDeque<>() : sessions;
          open.removeIf(kept -> kept.getId().equals(session.getId()));
          open.addLast(session);
          while (open.size() > maxPerPerson) {
            over.add(open.removeFirst());
          }
          return open;
        });
    over.forEach(SessionLimits::end);
  }

  private void forget(String person, String sessionId) {
    sessionsByPerson.computeIfPresent(
        person,
        (key, open) -> {
          open.removeIf(session -> session.getId().equals(sessionId));
          return open.isEmpty() ? null : open;
        });
  }

  private static void end(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyEnded) {
      // Ended meanwhile: nothing left to end.
    }
  }

  private static boolean tooManySessions(Throwable failure) {
    return RecordFailures.causeOf(failure, TooManyActiveSessionsException.class) != null;
  }
}
