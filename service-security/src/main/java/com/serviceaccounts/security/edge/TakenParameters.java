package com.serviceaccounts.security.edge;

import com.serviceaccounts.events.text.UntrustedText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * A request parameter that the endpoint does not take is refused, naming it, not ignored: an
 * auditor who filters the security entries by {@code actor}, which they have no filter for, would
 * be answered everyone's entries as if they were that actor's. The parameters an endpoint takes are
 * its handler method's {@code @RequestParam}s; one that takes a map of them takes any. The
 * services' own endpoints only: the actuator's and the API description's read theirs otherwise.
 */
public final class TakenParameters {

  private static final String OWN_PACKAGES = "com.serviceaccounts.";

  /** Each handler method's parameter names; empty: it takes any. */
  private final Map<Method, Optional<Set<String>>> taken = new ConcurrentHashMap<>();

  /** The first parameter of the request the handler does not take, or null. */
  public ParameterDefect notTaken(HttpServletRequest request, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || request.getDispatcherType() != DispatcherType.REQUEST
        || !method.getBeanType().getName().startsWith(OWN_PACKAGES)) {
      return null;
    }
    Optional<Set<String>> names = taken.computeIfAbsent(method.getMethod(), key -> takenBy(method));
    if (names.isEmpty()) {
      return null;
    }
    for (String name : Collections.list(request.getParameterNames())) {
      if (!names.get().contains(name)) {
        return new ParameterDefect(UntrustedText.echo(name), "is not taken by this endpoint");
      }
    }
    return null;
  }

  private static Optional<Set<String>> takenBy(HandlerMethod method) {
    Set<String> names = new HashSet<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      String name = SingleValuedParameters.requestParameterName(parameter);
      if (name == null) {
        continue;
      }
      if (Map.class.isAssignableFrom(parameter.getParameterType())) {
        return Optional.empty();
      }
      names.add(name);
    }
    return Optional.of(Set.copyOf(names));
  }
}
