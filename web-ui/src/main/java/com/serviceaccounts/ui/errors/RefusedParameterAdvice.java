package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A page's parameter or path part that is not of its kind (a page number beyond a whole number, an
 * id that is no id) gets the UI's error page naming it, as an undecodable one does ({@link
 * UnreadableParameterFilter}), and a script the APIs' problem naming it.
 */
@ControllerAdvice
class RefusedParameterAdvice {

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  void notOfItsKind(
      MethodArgumentTypeMismatchException mismatch,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    request.setAttribute(
        UiErrorController.REFUSED_PARAMETER,
        new ParameterDefect(
            UntrustedText.echo(mismatch.getName()), "must be " + kind(mismatch.getRequiredType())));
    response.sendError(400);
  }

  private static String kind(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == UUID.class) {
      return "an id such as 0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as 2026-11-28T10:15:30Z";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    return "of another form";
  }
}
