package com.serviceaccounts.ui.signin;

import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.ui.UiProperties;
import com.serviceaccounts.ui.oidc.OidcSignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
 * What the UI's sessions may cost, whoever asks: each is kept in memory until it ends, and a page
 * asked without one (the sign-in's form, with its CSRF token) makes one. A session ends after
 * {@link #BEFORE_SIGN_IN} unused until someone signs in over it (then the configured idle timeout,
 * {@code server.servlet.session.timeout}, applies: {@link #signedIn}), and at most {@code
 * service-accounts.ui.max-sessions} are open at once: one more is refused with 503 and {@code
 * Retry-After}, while every open session goes on as before. A flood of requests without a cookie
 * kept a session each for 30 minutes and brought the UI down out of memory.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimits {

  /**
   * How long a session nobody has signed in over is kept unused: time to sign in, at the company's
   * identity provider too.
   */
  public static final Duration BEFORE_SIGN_IN = Duration.ofMinutes(10);

  /** The pages a request without a session gets one from: their forms carry a CSRF token. */
  private static final Set<String> FORM_PAGES =
      Set.of(SignInController.SIGN_IN, OidcSignIn.NO_ACCESS);

  /** Tomcat's session manager, once the server has made it. */
  private final AtomicReference<ManagerBase> sessions = new AtomicReference<>();

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
              sessions.set(manager);
            });
  }

  /** A new session is kept {@link #BEFORE_SIGN_IN} unused. */
  @Bean
  HttpSessionListener sessionsBeforeSignIn() {
    return new HttpSessionListener() {
      @Override
      public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval((int) BEFORE_SIGN_IN.toSeconds());
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
                // A form page would fail as it renders its CSRF token, which the template engine
                // logs with its stack trace: a flood of them wrote 19 MB of log a second.
                if (full()
                    && request.getSession(false) == null
                    && FORM_PAGES.contains(request.getServletPath())) {
                  refuse(response);
                  return;
                }
                try {
                  chain.doFilter(request, response);
                } catch (ServletException | RuntimeException failed) {
                  if (!tooManySessions(failed) || response.isCommitted()) {
                    throw failed;
                  }
                  response.resetBuffer();
                  refuse(response);
                }
              }
            });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private boolean full() {
    ManagerBase manager = sessions.get();
    return manager != null
        && manager.getMaxActiveSessions() >= 0
        && manager.getActiveSessions() >= manager.getMaxActiveSessions();
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, "60");
    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
  }

  /** Gives a session someone signed in over the configured idle timeout. */
  public static void signedIn(HttpSession session) {
    session.setMaxInactiveInterval(session.getServletContext().getSessionTimeout() * 60);
  }

  private static boolean tooManySessions(Throwable failure) {
    return RecordFailures.causeOf(failure, TooManyActiveSessionsException.class) != null;
  }
}
