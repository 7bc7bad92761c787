package com.serviceaccounts.security.edge;

import com.serviceaccounts.security.problems.ProblemEcho;
import com.serviceaccounts.security.problems.ProblemErrorController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * What every service's HTTP edge refuses before a controller sees it, and how: strict JSON bodies
 * ({@link StrictJson}), bounded, unencoded, UTF-8 bodies ({@link RequestBodyFilter}), parameters
 * (query or form) a controller could take ({@link ParameterFilter}), headers said once and an
 * {@code Accept} that parses ({@link HeaderFilter}), numbers and booleans in parameters as the API
 * writes them ({@link StrictParameters}), problems that repeat a client's input only escaped and
 * cut ({@link ProblemEcho}), and an error page that is a problem too ({@link
 * ProblemErrorController}). The limits are {@link EdgeProperties}.
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
    FilterRegistrationBean<RequestBodyFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyFilter(limits.maxBodySize().toBytes()));
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ParameterFilter> parameterFilter(EdgeProperties limits) {
    FilterRegistrationBean<ParameterFilter> registration =
        new FilterRegistrationBean<>(new ParameterFilter(limits.maxParameterLength()));
    registration.setOrder(FILTER_ORDER + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<HeaderFilter> headerFilter() {
    FilterRegistrationBean<HeaderFilter> registration =
        new FilterRegistrationBean<>(new HeaderFilter());
    registration.setOrder(FILTER_ORDER - 1);
    return registration;
  }

  @Bean
  StrictParameters strictParameters() {
    return new StrictParameters();
  }

  @Bean
  ProblemEcho problemEcho() {
    return new ProblemEcho();
  }

  @Bean
  ProblemErrorController problemErrorController() {
    return new ProblemErrorController();
  }
}
