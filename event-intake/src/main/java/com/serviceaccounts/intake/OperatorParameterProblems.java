package com.serviceaccounts.intake;

import com.serviceaccounts.security.edge.ParameterDefect;
import java.util.Collection;
import org.springframework.boot.actuate.endpoint.invoke.ParameterMappingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A parameter of an operators' endpoint that does not read as its type ({@code
 * /actuator/parked?limit=abc}) is refused as the APIs refuse one, naming it: the actuator's own
 * answer says only "Parameter mapping failure". Ahead of the services' handlers, which take the
 * actuator's wrapping exception; this one matches its cause.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OperatorParameterProblems {

  @ExceptionHandler(ParameterMappingException.class)
  ResponseEntity<ProblemDetail> unreadable(ParameterMappingException failed) {
    // The actuator hands a parameter given more than once over as a list of its values.
    ParameterDefect defect =
        new ParameterDefect(
            failed.getParameter().getName(),
            failed.getValue() instanceof Collection<?>
                ? "must be given once"
                : "must be "
                    + ParameterDefect.form(failed.getParameter().getType(), failed.getValue()));
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(defect.problem());
  }
}
