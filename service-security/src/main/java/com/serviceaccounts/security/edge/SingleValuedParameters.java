package com.serviceaccounts.security.edge;

import com.serviceaccounts.events.text.UntrustedText;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * A request parameter that takes one value and is given more than once ({@code q=a&q=b}) is
 * refused, naming it: Spring would join the values ({@code a,b}) for a text, or take the first.
 * Those that take a list ({@code status}, {@code type}) may repeat. The APIs answer a problem
 * ({@link HttpEdgeAutoConfiguration}), the web UI its error page.
 */
public final class SingleValuedParameters {

  /** Each handler method's parameters that take one value: read once. */
  private final Map<Method, List<String>> singleValued = new ConcurrentHashMap<>();

  /** The first of the handler's parameters that take one value given more than once, or null. */
  public ParameterDefect repeated(HttpServletRequest request, Object handler) {
    if (handler instanceof HandlerMethod method) {
      for (String name :
          singleValued.computeIfAbsent(method.getMethod(), key -> singleValued(method))) {
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
          return new ParameterDefect(UntrustedText.echo(name), "must be given once");
        }
      }
    }
    return null;
  }

  private static List<String> singleValued(HandlerMethod method) {
    List<String> names = new ArrayList<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      String name = requestParameterName(parameter);
      if (name != null && !takesSeveral(parameter)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /** The request parameter a handler method's parameter takes; null if it takes none. */
  static String requestParameterName(MethodParameter parameter) {
    RequestParam declared = parameter.getParameterAnnotation(RequestParam.class);
    if (declared == null) {
      return null;
    }
    return declared.name().isEmpty() ? parameter.getParameterName() : declared.name();
  }

  /** A list, an array or a map of every parameter. */
  static boolean takesSeveral(MethodParameter parameter) {
    Class<?> type = parameter.getParameterType();
    return type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }
}
