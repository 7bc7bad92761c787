package com.serviceaccounts.command.web;

import com.serviceaccounts.command.serviceaccount.ContactEmailInUseException;
import com.serviceaccounts.command.serviceaccount.IllegalTransitionException;
import com.serviceaccounts.command.serviceaccount.InvalidIfMatchException;
import com.serviceaccounts.command.serviceaccount.InvalidServiceAccountException;
import com.serviceaccounts.command.serviceaccount.ServiceAccountNotFoundException;
import com.serviceaccounts.command.serviceaccount.VersionMismatchException;
import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.JsonMistakes;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.edge.RefusedBodyException;
import com.serviceaccounts.security.problems.DatabaseUnavailableProblems;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponse;
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
class CommandProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidServiceAccountException.class)
  ProblemDetail invalid(InvalidServiceAccountException e) {
    return fieldProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, "invalid-field", e.field(), e.code(), e.getMessage());
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
    return ProblemResponses.problem(
        HttpStatus.NOT_FOUND,
        "not-found",
        ProblemCode.ACCOUNT_NOT_FOUND,
        "Service account not found",
        detail);
  }

  @ExceptionHandler(ContactEmailInUseException.class)
  ErrorResponse emailInUse(ContactEmailInUseException e) {
    return ProblemResponses.response(
            e,
            HttpStatus.CONFLICT,
            "contact-email-in-use",
            ProblemCode.CONTACT_EMAIL_IN_USE,
            "Contact email in use",
            e.getMessage())
        .property(
            "errors",
            List.of(
                ProblemResponses.fieldError(
                    "contactEmail", ProblemCode.CONTACT_EMAIL_IN_USE, e.getMessage())))
        .build();
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ErrorResponse illegalTransition(IllegalTransitionException e) {
    return ProblemResponses.response(
            e,
            HttpStatus.CONFLICT,
            "illegal-transition",
            ProblemCode.ILLEGAL_TRANSITION,
            "Not allowed in this status",
            e.getMessage())
        .property("accountStatus", e.status())
        .build();
  }

  /** With the current version as the {@code ETag}, so that the caller can retry with it. */
  @ExceptionHandler(VersionMismatchException.class)
  ErrorResponse versionMismatch(VersionMismatchException e) {
    return ProblemResponses.response(
            e,
            HttpStatus.PRECONDITION_FAILED,
            "version-mismatch",
            ProblemCode.VERSION_MISMATCH,
            "Version mismatch",
            e.getMessage())
        .property("currentVersion", e.currentVersion())
        .headers(headers -> headers.setETag(String.valueOf(e.currentVersion())))
        .build();
  }

  @ExceptionHandler(InvalidIfMatchException.class)
  ProblemDetail invalidIfMatch(InvalidIfMatchException e) {
    return ProblemResponses.problem(
        HttpStatus.BAD_REQUEST,
        "invalid-if-match",
        ProblemCode.INVALID_IF_MATCH,
        "Invalid If-Match",
        e.getMessage());
  }

  /**
   * The event store's or a transaction's own failure: a 503 when it is the database that cannot be
   * reached now (Axon wraps the driver's exception in its own), otherwise thrown on to the error
   * page as before.
   */
  @ExceptionHandler({
    EventStoreException.class,
    JdbcException.class,
    TransactionSystemException.class
  })
  ResponseEntity<ProblemDetail> storeFailed(Exception failure) throws Exception {
    if (DatabaseUnavailableProblems.unreachable(failure)) {
      return DatabaseUnavailableProblems.answer(failure);
    }
    throw failure;
  }

  @ExceptionHandler(ConcurrencyException.class)
  ProblemDetail concurrentChange(ConcurrencyException e) {
    return ProblemResponses.problem(
        HttpStatus.CONFLICT,
        "concurrent-change",
        ProblemCode.CONCURRENT_CHANGE,
        "Concurrent change",
        "the service account was changed by another request at the same moment; read it again and retry");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RefusedBodyException refused = RefusedBodyException.in(e);
    if (refused != null) {
      ProblemDetail problem = refused.problem();
      return handleExceptionInternal(
          e, problem, headers, HttpStatus.valueOf(problem.getStatus()), request);
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
    String expected = ParameterDefect.form(e.getRequiredType(), e.getValue());
    ProblemDetail problem =
        fieldProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            name,
            ProblemCode.INVALID_PARAMETER,
            name + " must be " + expected + ", was '" + UntrustedText.echo(e.getValue()) + "'");
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
          ProblemCode.UNKNOWN_FIELD,
          "unknown field '" + unknown.getPropertyName() + "'; known fields are " + known);
    }
    if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-field",
          path(format),
          ProblemCode.INVALID_VALUE,
          path(format)
              + " "
              + JsonMistakes.oneOf(format.getTargetType())
              + ", was '"
              + UntrustedText.echo(format.getValue())
              + "'");
    }
    if (cause instanceof MismatchedInputException mismatch) {
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-field",
          path(mismatch),
          ProblemCode.INVALID_VALUE,
          path(mismatch) + " " + JsonMistakes.mismatch(mismatch));
    }
    if (cause instanceof JacksonException json && !(cause instanceof StreamReadException)) {
      return fieldProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-field",
          path(json),
          ProblemCode.INVALID_VALUE,
          path(json) + " has the wrong type or format");
    }
    if (cause instanceof JacksonException json) {
      return ProblemResponses.problem(
          HttpStatus.BAD_REQUEST,
          "malformed-json",
          ProblemCode.MALFORMED_JSON,
          "Malformed JSON",
          "the request body is not valid JSON: " + JsonMistakes.syntax(json));
    }
    return ProblemResponses.problem(
        HttpStatus.BAD_REQUEST,
        "malformed-json",
        ProblemCode.MALFORMED_JSON,
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

  /**
   * A problem about one field: coded as its type says ({@code invalid-field}, {@code
   * unknown-field}, {@code invalid-parameter}), the field's entry with the rule's own code.
   */
  private static ProblemDetail fieldProblem(
      HttpStatus status, String type, String field, ProblemCode code, String message) {
    ProblemDetail problem =
        ProblemResponses.problem(
            status, type, ProblemCode.of(type).orElseThrow(), "Invalid request", message);
    problem.setProperty("errors", List.of(ProblemResponses.fieldError(field, code, message)));
    return problem;
  }
}
