package com.serviceaccounts.query.web;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.problems.DatabaseUnavailableProblems;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json, with a detail that says what to fix. Spring's own
 * exceptions (unknown path, wrong method, ...) keep their standard problem bodies; bad parameters
 * name the parameter, and anything unexpected is a 500 that reveals nothing internal. Each carries
 * its {@link ProblemCode}, as does each entry of {@code invalidParams}.
 */
@RestControllerAdvice
class QueryProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

  @ExceptionHandler(AccountNotFoundException.class)
  ProblemDetail accountNotFound(AccountNotFoundException exception) {
    return ProblemResponses.problem(
        HttpStatus.NOT_FOUND,
        "not-found",
        ProblemCode.ACCOUNT_NOT_FOUND,
        "Service account not found",
        exception.getMessage());
  }

  /** With {@code Retry-After}: the projection catches up within moments. */
  @ExceptionHandler(ProjectionBehindException.class)
  ErrorResponse projectionBehind(ProjectionBehindException exception) {
    return ProblemResponses.response(
            exception,
            HttpStatus.SERVICE_UNAVAILABLE,
            "version-not-yet-visible",
            ProblemCode.VERSION_NOT_YET_VISIBLE,
            "Version not visible yet",
            exception.getMessage())
        .property("minVersion", exception.minVersion())
        .property("currentVersion", exception.currentVersion())
        .header(HttpHeaders.RETRY_AFTER, "1")
        .build();
  }

  /**
   * command-service, whose data keys open the contact emails a read shows, cannot answer now (it or
   * its own database is away): a 503 with {@code Retry-After}, as when this service's own database
   * is.
   */
  @ExceptionHandler({ResourceAccessException.class, HttpServerErrorException.class})
  ResponseEntity<ProblemDetail> commandServiceUnavailable(RestClientException failure) {
    log.warn(
        "command-service unavailable: {}",
        failure instanceof HttpServerErrorException answered
            ? "it answered " + answered.getStatusCode().value()
            : failure.getMostSpecificCause().toString());
    return ProblemResponses.unavailable(
        "The service cannot reach command-service, which opens the contact emails, now; try again"
            + " in a moment.");
  }

  @ExceptionHandler(InvalidParametersException.class)
  ProblemDetail invalidParameters(InvalidParametersException exception) {
    List<Map<String, String>> invalid =
        exception.reasons().entrySet().stream()
            .map(reason -> invalidParam(reason.getKey(), reason.getValue()))
            .toList();
    return invalidParameters(HttpStatus.BAD_REQUEST, invalid);
  }

  /**
   * Anything else: a database the service cannot reach (under a transaction's failure, say) is a
   * 503; a request Spring Security's firewall refuses as the handler reads it (a parameter name it
   * does not take) goes back to the firewall's 400; a streamed answer cut once begun ({@link
   * CutStreams}) goes back to the container, which closes its connection; the rest is a 500 that
   * says nothing of why.
   */
  @ExceptionHandler(Exception.class)
  Object unexpected(Exception exception) throws Exception {
    if (exception instanceof RequestRejectedException rejected) {
      throw rejected;
    }
    if (CutStreams.cut(exception)) {
      throw exception; // the container closes the connection of an answer already begun
    }
    if (DatabaseUnavailableProblems.unreachable(exception)) {
      return DatabaseUnavailableProblems.answer(exception);
    }
    log.error("request failed", exception);
    return ProblemResponses.problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "server-error",
        ProblemCode.SERVER_ERROR,
        "Internal error",
        "The request could not be answered; try again later.");
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException exception,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String name =
        exception instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : exception.getPropertyName();
    String reason =
        "must be "
            + ParameterDefect.form(exception.getRequiredType(), exception.getValue())
            + ", was '"
            + UntrustedText.escape(exception.getValue(), 60)
            + "'";
    ProblemDetail problem = invalidParameters(status, List.of(invalidParam(name, reason)));
    return handleExceptionInternal(exception, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException exception,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> invalid =
        exception.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(error -> invalidParam(name(result), error.getDefaultMessage())))
            .toList();
    ProblemDetail problem = invalidParameters(HttpStatus.BAD_REQUEST, invalid);
    return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail invalidParameters(
      HttpStatusCode status, List<Map<String, String>> invalid) {
    String detail =
        String.join(
            "; ",
            invalid.stream().map(param -> param.get("name") + " " + param.get("reason")).toList());
    ProblemDetail problem =
        ProblemResponses.problem(
            status,
            "invalid-parameter",
            ProblemCode.INVALID_PARAMETER,
            "Invalid request parameter",
            detail);
    problem.setProperty("invalidParams", invalid);
    return problem;
  }

  private static Map<String, String> invalidParam(String name, String reason) {
    return ProblemResponses.invalidParam(name, ProblemCode.INVALID_PARAMETER, reason);
  }

  private static String name(ParameterValidationResult result) {
    return result.getMethodParameter().getParameterName();
  }
}
