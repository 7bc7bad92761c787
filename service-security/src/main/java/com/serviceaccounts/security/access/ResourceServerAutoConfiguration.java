package com.serviceaccounts.security.access;

import com.serviceaccounts.security.tokens.AuthenticatedCallers;
import com.serviceaccounts.security.tokens.BearerTokenConfiguration;
import com.serviceaccounts.security.tokens.BearerTokens;
import com.serviceaccounts.security.tokens.IdentityProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a service an OAuth 2.0 resource server: every API request needs a valid bearer JWT
 * (signature checked against {@code spring.security.oauth2.resourceserver.jwt.public-key-location}
 * or {@code .jwk-set-uri}); health stays open for orchestrators. A missing or invalid token is a
 * 401 problem with {@code WWW-Authenticate: Bearer}. Every other actuator endpoint is for {@link
 * Operators} only (403 problem for anybody else); the rules are {@link OperatorAccess}'s. A valid
 * token has a signature the service trusts, an {@code exp} in the future, a {@code sub}, and an
 * {@code iss} the service trusts ({@link BearerTokens}). Company identity providers' tokens are
 * verified with their own keys and claim mapping ({@link IdentityProvider}); the issuer decides
 * whether the caller is a person or a service account ({@link AuthenticatedCallers}). What a valid
 * caller may do in a company is decided per operation by method security naming the {@link
 * CompanyAccess} policy. The API's description (the OpenAPI document at {@code /v3/api-docs},
 * Swagger UI) is open too: it describes operations, never data; and so is the event contract at
 * {@code /events/asyncapi.json}.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
    })
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties({Operators.class, ServiceCredentials.class})
@Import(BearerTokenConfiguration.class)
public class ResourceServerAutoConfiguration {

  /** The OpenAPI document and Swagger UI (springdoc's default paths). */
  private static final String[] API_DOCUMENTATION = {
    "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"
  };

  /**
   * The event contract: shared-events' {@code events/} (the AsyncAPI document {@code
   * /events/asyncapi.json}, the JSON Schemas under {@code /events/schemas/}, the examples under
   * {@code /events/examples/}).
   */
  private static final String EVENT_CONTRACT = "/events/**";

  /** Serves the event contract, open like the API's description: it describes events, not data. */
  @Bean
  WebMvcConfigurer eventContract() {
    return new WebMvcConfigurer() {
      @Override
      public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(EVENT_CONTRACT).addResourceLocations("classpath:/events/");
      }
    };
  }

  @Bean
  OperatorAccess operatorAccess(BearerTokens tokens, Operators operators) {
    return new OperatorAccess(tokens, operators);
  }

  /**
   * {@link ServiceCredentials#PATHS}, for the system's own services only: HTTP Basic with a {@link
   * ServiceCredentials} credential, and no bearer token (this chain is asked first).
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain serviceCredentialsFilterChain(
      HttpSecurity http, ServiceCredentials credentials) throws Exception {
    return http.securityMatcher(ServiceCredentials.PATHS)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasAuthority(ServiceCredentials.AUTHORITY))
        .authenticationManager(credentials.authenticationManager())
        .httpBasic(basic -> basic.authenticationEntryPoint(credentials.refusal()))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(credentials.refusal()))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  SecurityFilterChain resourceServerFilterChain(
      HttpSecurity http, OperatorAccess access, JwtDecoder trustedKey) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                access
                    .actuator(requests)
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers(API_DOCUMENTATION)
                    .permitAll()
                    .requestMatchers(EVENT_CONTRACT)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .oauth2ResourceServer(
            server ->
                access.refusals(server.authenticationManagerResolver(access.issuers(trustedKey))))
        .build();
  }

  /** How method security evaluates the {@code @PreAuthorize} expressions that name the policy. */
  @Bean
  static MethodSecurityExpressionHandler methodSecurityExpressionHandler() {
    return new PolicyExpressionHandler();
  }

  /** The policy {@code @PreAuthorize} expressions name as {@code @companyAccess}. */
  @Bean
  CompanyAccess companyAccess(ObjectProvider<ServiceAccountDirectory> directory) {
    return new CompanyAccess(directory.getIfAvailable());
  }

  @Bean
  CompanyAccessProblems companyAccessProblems() {
    return new CompanyAccessProblems();
  }
}
