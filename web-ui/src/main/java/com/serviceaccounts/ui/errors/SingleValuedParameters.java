package com.serviceaccounts.ui.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Map;
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

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      for (MethodParameter parameter : method.getMethodParameters()) {
        RequestParam declared = parameter.getParameterAnnotation(RequestParam.class);
        if (declared == null || takesSeveral(parameter)) {
          continue;
        }
        String name = declared.name().isEmpty() ? parameter.getParameterName() : declared.name();
        String[] values = name == null ? null : request.getParameterValues(name);
        if (values != null && values.length > 1) {
          throw new RefusedParameterException(name, "must be given once");
        }
      }
    }
    return true;
  }

  /** A list, an array or a map of every parameter. */
  private static boolean takesSeveral(MethodParameter parameter) {
    Class<?> type = parameter.getParameterType();
    return type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }
}
