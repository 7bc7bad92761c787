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
 * before.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimits {

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
