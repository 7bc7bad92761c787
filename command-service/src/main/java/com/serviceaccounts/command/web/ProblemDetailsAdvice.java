package com.serviceaccounts.command.web;

import com.serviceaccounts.command.serviceaccount.ContactEmailInUseException;
import com.serviceaccounts.command.serviceaccount.IllegalTransitionException;
import com.serviceaccounts.command.serviceaccount.InvalidIfMatchException;
import com.serviceaccounts.command.serviceaccount.InvalidServiceAccountException;
import com.serviceaccounts.command.serviceaccount.ServiceAccountNotFoundException;
import com.serviceaccounts.command.serviceaccount.VersionMismatchException;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.RequestBodyLimitFilter;
import com.serviceaccounts.security.RequestBodyTooLargeException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every rejected request into an RFC 9457 problem that names what is wrong and how to fix it.
 * Spring's own handler covers protocol errors (method, media type, missing header); this adds the
 * domain's rejections and precise messages for unreadable bodies and malformed path values. Spring
 * also matches a handler against an exception's causes, so a failure Axon wraps (in a {@code
 * CommandExecutionException}, say) is answered by the handler of what it wraps.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final String TYPE_PREFIX = "urn:service-accounts:problem:";

  @ExceptionHandler(InvalidServiceAccountException.class)
  ProblemDetail invalid(InvalidServiceAccountException e) {
    return fieldProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, "invalid-field", e.field(), e.getMessage());
  }

  /**
   * An unknown id and another company's account are answered alike, word for word, from the ids in
   * the path: nothing tells a caller that an id exists in another company.
   */
  @ExceptionHandler({ServiceAccountNotFoundException.class, AggregateNotFoundException.class})
  ProblemDetail notFound(RuntimeException e, WebRequest request) {
    Map<?, ?> ids =
        (Map<?, ?>)
            request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    String detail =
        ids == null
            ? "service account not found"
            : "service account " + ids.get("id") + " not found in company " + ids.get("companyId");
    return problem(HttpStatus.NOT_FOUND, "not-found", "Service account not found", detail);
  }

  @ExceptionHandler(ContactEmailInUseException.class)
  ProblemDetail emailInUse(ContactEmailInUseException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.CONFLICT, "contact-email-in-use", "Contact email in use", e.getMessage());
    problem.setProperty(
        "errors", List.of(Map.of("field", "contactEmail", "message", e.getMessage())));
    return problem;
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ProblemDetail illegalTransition(IllegalTransitionException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.CONFLICT,
            "illegal-transition",
            "Not allowed in this status",
            e.getMessage());
    problem.setProperty("accountStatus", e.status());
    return problem;
  }

  @ExceptionHandler(VersionMismatchException.class)
  ResponseEntity<ProblemDetail> versionMismatch(VersionMismatchException e) {
    ProblemDetail problem =
        problem(
            HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Version mismatch", e.getMessage());
    problem.setProperty("currentVersion", e.currentVersion());
    return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
        .eTag(String.valueOf(e.currentVersion()))
        .body(problem);
  }

  @ExceptionHandler(InvalidIfMatchException.class)
  ProblemDetail invalidIfMatch(InvalidIfMatchException e) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-if-match", "Invalid If-Match", e.getMessage());
  }

  @ExceptionHandler(ConcurrencyException.class)
  ProblemDetail concurrentChange(ConcurrencyException e) {
    return problem(
        HttpStatus.CONFLICT,
        "concurrent-change",
        "Concurrent change",
        "the service account was changed by another request at the same moment; read it again and retry");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
    if (tooLarge != null) {
      return handleExceptionInternal(
          e,
          RequestBodyLimitFilter.problem(tooLarge.limit()),
          headers,
          HttpStatus.CONTENT_TOO_LARGE,
          request);
    }
    ProblemDetail problem = unreadableBody(e.getMostSpecificCause());
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    String expected =
        e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
    ProblemDetail problem =
        fieldProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            name,
            name + " must be a " + expected + ", was '" + UntrustedText.echo(e.getValue()) + "'");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail unreadableBody(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "unknown-field",
          path(unknown),
          "unknown field '" + unknown.getPropertyName() + "'; known fields are " + known);
    }
    if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-field",
          path(format),
          path(format)
              + " must be one of "
              + List.of(format.getTargetType().getEnumConstants())
              + ", was '"
              + UntrustedText.echo(format.getValue())
              + "'");
    }
    if (cause instanceof JacksonException json
        && !(cause instanceof StreamReadException)
        && (!json.getPath().isEmpty() || cause instanceof MismatchedInputException)) {
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-field",
          path(json),
          path(json) + " has the wrong type or format: " + json.getOriginalMessage());
    }
    if (cause instanceof JacksonException json) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "malformed-json",
          "Malformed JSON",
          "the request body is not valid JSON: " + json.getOriginalMessage());
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-json",
        "Unreadable request body",
        "the request body is missing or cannot be read as JSON");
  }

  /** Where in the body {@code e} happened: {@code name}, {@code a.b[2]}, or {@code body} itself. */
  private static String path(JacksonException e) {
    if (e.getPath().isEmpty()) {
      return "body";
    }
    return e.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static ProblemDetail fieldProblem(
      HttpStatus status, String type, String field, String message) {
    ProblemDetail problem = problem(status, type, "Invalid request", message);
    problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    return problem;
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + type));
    problem.setTitle(title);
    return problem;
  }
}
