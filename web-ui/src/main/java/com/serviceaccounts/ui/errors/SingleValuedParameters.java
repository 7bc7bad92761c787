package com.serviceaccounts.ui.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's parameter that takes one value and is given more than once ({@code q=a&q=b}) is refused,
 * naming it: Spring would join the values ({@code a,b}) or take the first. Those that take a list
 * ({@code status}, {@code appType}) may repeat. Forms' fields never repeat ({@link
 * UnreadableParameterFilter}).
 */
@Component
class SingleValuedParameters implements HandlerInterceptor, WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  /** Each page's parameters that take one value, by its handler method: read once. */
  private final Map<Method, List<String>> singleValued = new ConcurrentHashMap<>();

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      for (String name :
          singleValued.computeIfAbsent(method.getMethod(), key -> singleValued(method))) {
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
          throw new RefusedParameterException(name, "must be given once");
        }
      }
    }
    return true;
  }

  private static List<String> singleValued(HandlerMethod method) {
    List<String> names = new ArrayList<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      RequestParam declared = parameter.getParameterAnnotation(RequestParam.class);
      if (declared == null || takesSeveral(parameter)) {
        continue;
      }
      String name = declared.name().isEmpty() ? parameter.getParameterName() : declared.name();
      if (name != null) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /** A list, an array or a map of every parameter. */
  private static boolean takesSeveral(MethodParameter parameter) {
    Class<?> type = parameter.getParameterType();
    return type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }
}
