package com.serviceaccounts.token.authorization;

import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.text.CorrelationIds;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import com.serviceaccounts.token.reporting.SecurityEntryPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a failed client authentication as RFC 6749 §5.2 says: {@code 401} with {@code
 * invalid_client} (and {@code WWW-Authenticate: Basic} when the client used the {@code
 * Authorization} header), {@code 429} with {@code Retry-After} while the client id is locked out,
 * {@code 400} for a malformed request. Every refusal is counted ({@code
 * token.client.authentication.refused}, by {@code client} known or unknown and {@code status}).
 * Each refusal of a known account that is not locked out is published as a {@link SecurityEntry}
 * and logged: at most the lockout's failures per client id, and the one that locks it out says so.
 * Refusals while locked out and refusals of unknown client ids, which name no company, are only
 * counted (logged at DEBUG): a client may send them as fast as it likes, and a line each would let
 * it fill the log.
 */
class ClientAuthenticationFailureHandler
    implements AuthenticationFailureHandler, AuthenticationEntryPoint {

  static final String SOURCE = "token-service";
  static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

  /** What a request whose client credentials could not be read is told. */
  static final String UNREADABLE_CREDENTIALS =
      "the client credentials cannot be read: send the client id and secret, each form-encoded"
          + " UTF-8 and not empty, as Basic credentials (base64 of id:secret, RFC 6749 section"
          + " 2.3.1) or as client_id and client_secret in the form";

  private static final Logger log =
      LoggerFactory.getLogger(ClientAuthenticationFailureHandler.class);

  private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();
  private final SecurityEntryPublisher securityEntries;
  private final MeterRegistry meters;
  private final Clock clock;

  ClientAuthenticationFailureHandler(
      SecurityEntryPublisher securityEntries, MeterRegistry meters, Clock clock) {
    this.securityEntries = securityEntries;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    SecurityContextHolder.clearContext();
    if (exception instanceof ClientAuthenticationRefused refused) {
      HttpStatus status =
          refused.retryAfter() == null ? HttpStatus.UNAUTHORIZED : HttpStatus.TOO_MANY_REQUESTS;
      report(request, refused, status);
      if (refused.retryAfter() != null) {
        response.setHeader(HttpHeaders.RETRY_AFTER, seconds(refused.retryAfter()));
      }
      write(request, response, status, refused.getError());
      return;
    }
    if (exception instanceof TemporarilyUnavailable unavailable) {
      response.setHeader(HttpHeaders.RETRY_AFTER, seconds(unavailable.retryAfter()));
      write(request, response, HttpStatus.SERVICE_UNAVAILABLE, unavailable.getError());
      return;
    }
    OAuth2Error error =
        exception instanceof OAuth2AuthenticationException oauth2
            ? oauth2.getError()
            : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
    HttpStatus status =
        OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
            ? HttpStatus.UNAUTHORIZED
            : HttpStatus.BAD_REQUEST;
    // A malformed request is told what is malformed (the server's own constant descriptions, or
    // for credentials it could not read, which it does not describe, what it reads); a refused
    // client is told nothing more than that.
    write(
        request,
        response,
        status,
        status == HttpStatus.BAD_REQUEST
            ? new OAuth2Error(
                error.getErrorCode(),
                error.getDescription() == null ? UNREADABLE_CREDENTIALS : error.getDescription(),
                null)
            : new OAuth2Error(error.getErrorCode()));
  }

  /** A request to a token endpoint without any client authentication. */
  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication required", null));
  }

  private void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      OAuth2Error error)
      throws IOException {
    ServletServerHttpResponse http = new ServletServerHttpResponse(response);
    http.setStatusCode(status);
    if (status == HttpStatus.UNAUTHORIZED) {
      http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"token-service\"");
    }
    http.getHeaders().setCacheControl("no-store");
    errors.write(error, null, http);
  }

  private void report(
      HttpServletRequest request, ClientAuthenticationRefused refused, HttpStatus status) {
    StoredClientCredentials account = refused.account();
    String operation = operation(request);
    meters
        .counter(
            "token.client.authentication.refused",
            "client",
            account == null ? "unknown" : "known",
            "status",
            Integer.toString(status.value()))
        .increment();
    if (account == null) {
      log.debug(
          "{} refused ({}): unknown client id (fingerprint {})",
          operation,
          status.value(),
          fingerprint(refused.clientId()));
      return;
    }
    if (status == HttpStatus.TOO_MANY_REQUESTS) {
      // A locked-out client id: the wrong secret that locked it out is an entry that says so, and
      // anyone who knows the id could otherwise write into its company's chain without limit.
      log.debug(
          "{} refused ({}) for client {}: {}",
          operation,
          status.value(),
          account.clientId(),
          refused.reason());
      return;
    }
    log.info(
        "{} refused ({}) for client {} of account {}: {}",
        operation,
        status.value(),
        account.clientId(),
        account.accountId(),
        refused.reason());
    securityEntries.publish(
        new SecurityEntry(
            UUID.randomUUID(),
            account.companyId(),
            account.accountId(),
            SOURCE,
            operation,
            status.value(),
            refused.reason(),
            account.clientId(),
            "service_account",
            correlationId(request),
            clock.instant()));
  }

  /** A {@code Retry-After} value: whole seconds, rounded up, at least 1. */
  private static String seconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  /** {@code client_credentials} at the token endpoint, else the endpoint asked. */
  private static String operation(HttpServletRequest request) {
    String grantType = request.getParameter("grant_type");
    if (request.getRequestURI().endsWith("/oauth2/token") && grantType != null) {
      return grantType.length() > 40 ? "unknown grant" : printable(grantType);
    }
    return UntrustedText.escape(
        request.getMethod() + " " + request.getRequestURI(), SecurityEntry.MAX_OPERATION_LENGTH);
  }

  private static String correlationId(HttpServletRequest request) {
    return CorrelationIds.givenOrNew(request.getHeader(CORRELATION_ID_HEADER));
  }

  /** A grant type as it may go into a record: printable ASCII. */
  private static String printable(String value) {
    return value.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /**
   * An unknown client id is logged by a fingerprint only: it may be a secret pasted into the wrong
   * field.
   */
  private static String fingerprint(String clientId) {
    return ClientSecretHash.of(clientId).substring("sha256:".length(), "sha256:".length() + 12);
  }
}
