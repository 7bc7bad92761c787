package com.serviceaccounts.command.caller;

import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Establishes the {@link Caller} of a request: the actor from the {@code X-Actor} header (until
 * callers authenticate with tokens) and the correlation id from {@link CorrelationIdFilter}.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  static final String ACTOR_HEADER = "X-Actor";
  private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]{1,200}");

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest request,
      WebDataBinderFactory binderFactory)
      throws ServletRequestBindingException {
    String actor = request.getHeader(ACTOR_HEADER);
    if (actor == null || actor.isBlank()) {
      throw new MissingRequestHeaderException(ACTOR_HEADER, parameter);
    }
    if (!PRINTABLE.matcher(actor.strip()).matches()) {
      throw new ServletRequestBindingException(
          "header "
              + ACTOR_HEADER
              + " must be 1 to 200 printable ASCII characters naming who is acting");
    }
    String correlationId =
        (String)
            request.getAttribute(CorrelationIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    return new Caller(actor.strip(), correlationId);
  }
}
