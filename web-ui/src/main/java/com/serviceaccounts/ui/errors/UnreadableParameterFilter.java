package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.EdgeProperties;
import com.serviceaccounts.security.edge.HeaderFilter;
import com.serviceaccounts.security.edge.ParameterDefect;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the parameters (query string and form) before anything else does, and answers with the UI's
 * error page, 400, when an {@code Accept} header has an empty element (the actuator's health
 * answered it with a 500; the header passes on as the APIs read it, {@link
 * HeaderFilter#readAccept}), or a parameter cannot be decoded (invalid UTF-8 or percent-encoding,
 * which Tomcat reports as an exception wherever a parameter is first read: a 500; the page names a
 * query parameter, as the APIs' edge does), holds what no field of the UI takes ({@link
 * ParameterDefect}, the rule every service's edge applies: a control character such as NUL, an
 * unpaired surrogate; the page names the field), is longer than the APIs' edge takes (1,000
 * characters), is one of more than 100 parameters, or is a form's field given more than once (no
 * form of the UI has a field that repeats: the list's filters, which do, are a GET; {@link
 * SingleValuedPageParameters} refuses a page's parameter that takes one value given twice), and 413
 * when a form is over the size limit. Hand-written because Tomcat 11 no longer has its
 * FailedRequestFilter. One of Spring Security's filters, right after its {@link
 * HeaderWriterFilter}, so that a refusal carries the security headers every answer of the UI has
 * (the error page they lead to is rendered in an error dispatch, where that filter writes none); it
 * comes after Spring Boot's {@code CharacterEncodingFilter}, which makes a form without a charset
 * UTF-8, as browsers send it (read before it, a form is decoded as ISO-8859-1 for good), and before
 * every filter that reads a parameter (the CSRF token's).
 */
public final class UnreadableParameterFilter extends OncePerRequestFilter {

  /** The longest parameter, as at the APIs' edge: no field of the UI takes more. */
  private static final int MAX_LENGTH = EdgeProperties.DEFAULT_MAX_PARAMETER_LENGTH;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HeaderFilter.AcceptRead accept = HeaderFilter.readAccept(request);
    if (accept instanceof HeaderFilter.AcceptRead.Refused refused && refused.emptyElement()) {
      response.sendError(400);
      return;
    }
    try {
      ParameterDefect defect = ParameterDefect.tooManyIn(request.getQueryString());
      Map<String, String[]> parameters = defect == null ? request.getParameterMap() : Map.of();
      if (defect == null) {
        defect = ParameterDefect.tooMany(parameters);
      }
      if (defect == null) {
        defect = ParameterDefect.first(parameters, MAX_LENGTH);
      }
      if (defect == null && HttpMethod.POST.matches(request.getMethod())) {
        defect = repeated(parameters);
      }
      if (defect != null) {
        request.setAttribute(UiErrorController.REFUSED_PARAMETER, defect);
        response.sendError(400);
        return;
      }
    } catch (InvalidParameterException unreadable) {
      // A client that went away while its form was read has been answered by Tomcat already.
      if (!response.isCommitted()) {
        String query = request.getQueryString();
        ParameterDefect undecodable =
            query == null ? null : ParameterDefect.inQuery(query, MAX_LENGTH);
        boolean tooLarge =
            unreadable.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
        if (undecodable == null && isForm(request) && !tooLarge) {
          undecodable = ParameterDefect.unreadableForm();
        }
        if (undecodable != null) {
          request.setAttribute(UiErrorController.REFUSED_PARAMETER, undecodable);
        }
        response.sendError(tooLarge ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : 400);
      }
      return;
    }
    // The Accept header as the APIs' edge reads it: a charset asked (utf-16, say) is not copied
    // into the answer, which no converter could then write (the actuator's health: a 500). One it
    // refuses for another reason passes on unchanged, for the pages to answer their own way.
    chain.doFilter(
        accept instanceof HeaderFilter.AcceptRead.Passed passed ? passed.request() : request,
        response);
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null
        && type.regionMatches(
            true,
            0,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            0,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
  }

  /** The first field given more than once, or null. */
  private static ParameterDefect repeated(Map<String, String[]> parameters) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (parameter.getValue().length > 1) {
        return new ParameterDefect(UntrustedText.echo(parameter.getKey()), "must be given once");
      }
    }
    return null;
  }
}
