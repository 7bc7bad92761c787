package com.serviceaccounts.token.authorization;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator, as the other services' resource servers guard it: health, info and prometheus open;
 * every other endpoint ({@code /actuator/parked}) needs a person's bearer token, verified like the
 * other services verify it (their {@code spring.security.oauth2.resourceserver.jwt.*} key, an
 * issuer among {@code service-accounts.security.issuers.users}, {@code exp} and {@code sub}
 * required), whose {@code sub} is one of {@code service-accounts.token.operators}. This service's
 * own access tokens are not accepted here: a service account is never an operator. A missing or
 * invalid token is a 401, a valid one of anybody else a 403, both problem+json.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

  static final String OPERATOR = "OPERATOR";
  private static final String PROBLEM_TYPE_PREFIX = "urn:service-accounts:problem:";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  @Order(2)
  SecurityFilterChain operatorFilterChain(
      HttpSecurity http,
      TokenProperties properties,
      ResourceLoader resources,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
      @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}")
          String publicKeyLocation,
      Environment environment)
      throws Exception {
    // Bound as the other services' TrustedIssuers binds it (a list, comma-separated or indexed).
    List<String> peoplesIssuers =
        Binder.get(environment)
            .bind("service-accounts.security.issuers.users", Bindable.listOf(String.class))
            .orElse(List.of("service-accounts-dev"));
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    Set<String> operators = Set.copyOf(properties.operators());
    JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();
    authorities.setJwtGrantedAuthoritiesConverter(
        jwt ->
            operators.contains(jwt.getSubject())
                ? List.of(new SimpleGrantedAuthority(OPERATOR))
                : List.of());
    return http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(OPERATOR))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(
                        jwt ->
                            jwt.decoder(
                                    peoplesTokens(
                                        resources,
                                        jwkSetUri,
                                        publicKeyLocation,
                                        Set.copyOf(peoplesIssuers)))
                                .jwtAuthenticationConverter(authorities))
                    .authenticationEntryPoint(
                        (request, response, failure) -> {
                          bearer.commence(request, response, failure);
                          write(
                              request,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "unauthenticated",
                              "Authentication required",
                              "send an operator's bearer token: Authorization: Bearer <JWT> ("
                                  + failure.getMessage()
                                  + ")");
                        })
                    .accessDeniedHandler(
                        (request, response, failure) -> {
                          denied.handle(request, response, failure);
                          write(
                              request,
                              response,
                              HttpStatus.FORBIDDEN,
                              "not-an-operator",
                              "Operators only",
                              "this endpoint is for the operators named in"
                                  + " service-accounts.token.operators");
                        }))
        .build();
  }

  /**
   * Verifies people's tokens as the other services do; without a key configured, refuses every
   * token.
   */
  private static JwtDecoder peoplesTokens(
      ResourceLoader resources, String jwkSetUri, String publicKeyLocation, Set<String> issuers) {
    NimbusJwtDecoder decoder;
    if (StringUtils.hasText(jwkSetUri)) {
      decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    } else if (StringUtils.hasText(publicKeyLocation)) {
      decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources, publicKeyLocation)).build();
    } else {
      return token -> {
        throw new JwtException("no key to verify operators' tokens is configured");
      };
    }
    JwtTypeValidator types = new JwtTypeValidator("JWT");
    types.setAllowEmpty(true);
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setAllowEmptyExpiryClaim(false);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<Jwt>(
            types,
            timestamps,
            new JwtClaimValidator<Object>(
                JwtClaimNames.ISS, issuer -> issuer != null && issuers.contains(issuer.toString())),
            new JwtClaimValidator<Object>(
                JwtClaimNames.SUB, subject -> subject instanceof String text && !text.isBlank())));
    return decoder;
  }

  private static RSAPublicKey publicKey(ResourceLoader resources, String location) {
    try (InputStream pem = resources.getResource(location).getInputStream()) {
      return RsaKeyConverters.x509().convert(pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operators' token key " + location, e);
    }
  }

  /** The problem written by Spring Security's handlers, which answer before Spring MVC. */
  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String title,
      String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEM_TYPE_PREFIX + type));
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
