package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
            UntrustedText.echo(mismatch.getName()),
            "must be " + ParameterDefect.form(mismatch.getRequiredType())));
    response.sendError(400);
  }
}
