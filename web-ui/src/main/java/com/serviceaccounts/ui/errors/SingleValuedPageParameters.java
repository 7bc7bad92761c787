package com.serviceaccounts.ui.errors;

import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.edge.SingleValuedParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's parameter that takes one value and is given more than once ({@code q=a&q=b}) gets the
 * UI's error page naming it ({@link SingleValuedParameters}). Forms' fields never repeat ({@link
 * UnreadableParameterFilter}).
 */
@Component
class SingleValuedPageParameters implements HandlerInterceptor, WebMvcConfigurer {

  private final SingleValuedParameters parameters = new SingleValuedParameters();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    ParameterDefect repeated = parameters.repeated(request, handler);
    if (repeated != null) {
      throw new RefusedParameterException(repeated.name(), repeated.reason());
    }
    return true;
  }
}
