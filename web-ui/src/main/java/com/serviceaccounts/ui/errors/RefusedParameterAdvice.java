package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A page's parameter or path part that is not of its kind (a page number beyond a whole number, an
 * id that is no id, a status that is none of the statuses) gets the UI's error page naming it, as
 * an undecodable one does ({@link UnreadableParameterFilter}), and a script the APIs' problem
 * naming it; so does a form's field. What each kind is: {@link UiParameters}.
 */
@ControllerAdvice
class RefusedParameterAdvice {

  /** A parameter or field its page refuses for a reason of the page's own. */
  @ExceptionHandler(RefusedParameterException.class)
  void refused(
      RefusedParameterException refused, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.setAttribute(UiErrorController.REFUSED_PARAMETER, refused.defect());
    response.sendError(400);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  void notOfItsKind(
      MethodArgumentTypeMismatchException mismatch,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    // A list (status=...) says what each of its values must be.
    TypeDescriptor declared = new TypeDescriptor(mismatch.getParameter());
    TypeDescriptor kind =
        declared.isCollection() && declared.getElementTypeDescriptor() != null
            ? declared.getElementTypeDescriptor()
            : declared;
    request.setAttribute(
        UiErrorController.REFUSED_PARAMETER,
        new ParameterDefect(
            UntrustedText.echo(mismatch.getName()), "must be " + form(kind.getType())));
    response.sendError(400);
  }

  /**
   * A form field that is not of its kind ({@code appType=custom}) names its field the same way;
   * Spring's own answer would name none, and log the value refused as it came.
   */
  @ExceptionHandler(BindException.class)
  void fieldNotOfItsKind(
      BindException refused, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    FieldError field = refused.getFieldError();
    if (field != null) {
      TypeMismatchException mismatch =
          field.contains(TypeMismatchException.class)
              ? field.unwrap(TypeMismatchException.class)
              : null;
      request.setAttribute(
          UiErrorController.REFUSED_PARAMETER,
          new ParameterDefect(
              UntrustedText.echo(field.getField()),
              "must be " + form(mismatch == null ? null : mismatch.getRequiredType())));
    }
    response.sendError(400);
  }

  /**
   * What a parameter of {@code type} must be, in the APIs' words, and for a whole number the range
   * a page reads ({@link UiParameters}: never negative).
   */
  private static String form(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return ParameterDefect.form(type) + " from 0 to " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return ParameterDefect.form(type) + " from 0 to " + Long.MAX_VALUE;
    }
    return ParameterDefect.form(type);
  }
}
