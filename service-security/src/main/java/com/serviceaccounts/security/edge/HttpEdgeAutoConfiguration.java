package com.serviceaccounts.security.edge;

import com.serviceaccounts.security.problems.BodilessErrorFilter;
import com.serviceaccounts.security.problems.ProblemEcho;
import com.serviceaccounts.security.problems.ProblemErrorController;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every service's HTTP edge refuses before a controller sees it, and how: strict JSON bodies
 * ({@link StrictJson}), bounded, unencoded, UTF-8 bodies ({@link RequestBodyFilter}), parameters
 * (query or form) a controller could take ({@link ParameterFilter}), headers said once and an
 * {@code Accept} that parses ({@link HeaderFilter}), numbers and booleans in parameters as the API
 * writes them ({@link StrictParameters}), only parameters the endpoint takes ({@link
 * TakenParameters}), each parameter that takes one value given once ({@link
 * SingleValuedParameters}), problems that repeat a client's input only escaped and cut ({@link
 * ProblemEcho}), and an error page that is a problem too ({@link ProblemErrorController}), which
 * also answers an error a handler left without a body ({@link BodilessErrorFilter}). The limits are
 * {@link EdgeProperties}.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
      "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EdgeProperties.class)
public class HttpEdgeAutoConfiguration {

  /**
   * Before Spring Security's filters (at -100), so that neither an oversized body nor a malformed
   * parameter costs a token check.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  StrictJson strictJson() {
    return new StrictJson();
  }

  @Bean
  FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(EdgeProperties limits) {
    return at(FILTER_ORDER, new RequestBodyFilter(limits.maxBodySize().toBytes()));
  }

  @Bean
  FilterRegistrationBean<ParameterFilter> parameterFilter(EdgeProperties limits) {
    return at(FILTER_ORDER + 1, new ParameterFilter(limits.maxParameterLength()));
  }

  @Bean
  FilterRegistrationBean<HeaderFilter> headerFilter() {
    return at(FILTER_ORDER - 1, new HeaderFilter());
  }

  @Bean
  StrictParameters strictParameters() {
    return new StrictParameters();
  }

  /**
   * A parameter the endpoint does not take, or one that takes one value given more than once, is a
   * 400 naming it.
   */
  @Bean
  WebMvcConfigurer parameterRefusals() {
    SingleValuedParameters parameters = new SingleValuedParameters();
    TakenParameters taken = new TakenParameters();
    HandlerInterceptor refusal =
        new HandlerInterceptor() {
          @Override
          public boolean preHandle(
              HttpServletRequest request, HttpServletResponse response, Object handler)
              throws IOException {
            ParameterDefect defect = taken.notTaken(request, handler);
            if (defect == null) {
              defect = parameters.repeated(request, handler);
            }
            if (defect == null) {
              return true;
            }
            ProblemResponses.write(request, response, defect.problem());
            return false;
          }
        };
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(refusal);
      }
    };
  }

  @Bean
  ProblemEcho problemEcho() {
    return new ProblemEcho();
  }

  /**
   * Outside every other filter, so that it sees the answer as they leave it: an error without a
   * body goes to the error page.
   */
  @Bean
  FilterRegistrationBean<BodilessErrorFilter> bodilessErrorFilter() {
    return BodilessErrorFilter.registeredAt(FILTER_ORDER - 2);
  }

  @Bean
  ProblemErrorController problemErrorController() {
    return new ProblemErrorController();
  }

  private static <F extends Filter> FilterRegistrationBean<F> at(int order, F filter) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(order);
    return registration;
  }

  /**
   * Requests Spring Security's firewall refuses (an encoded {@code %} or {@code ;}, a {@code ..}
   * segment, ...) are answered with a 400 problem naming what was refused, like every other
   * refusal; without this they would reach Boot's error page as plain JSON.
   */
  @Bean
  RequestRejectedHandler problemRequestRejectedHandler() {
    return (request, response, rejected) ->
        ProblemResponses.write(request, response, ProblemResponses.rejected(rejected));
  }
}
