package com.serviceaccounts.oidcprovider;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * An OpenID Connect provider with a login page and the people of {@link ProviderPeople}: what a
 * company's identity provider does for the web UI and the APIs, small enough to start in a test on
 * any JDK. Clients, issuer and token lifetimes are Spring Boot's {@code
 * spring.security.oauth2.authorizationserver.*} properties.
 */
@SpringBootApplication
@EnableConfigurationProperties(ProviderPeople.class)
public class OidcProviderApplication {

  public static void main(String[] args) {
    SpringApplication.run(OidcProviderApplication.class, args);
  }

  /**
   * The protocol endpoints (authorize, token, JWKS, discovery, user info, RP-initiated logout); a
   * browser that is not signed in is sent to the login page. Spring Boot's own chains, which this
   * replaces, would also guard health.
   */
  @Bean
  @Order(1)
  SecurityFilterChain protocol(HttpSecurity http) throws Exception {
    return http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server.oidc(Customizer.withDefaults());
            })
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .build();
  }

  /** Spring Security's login page for people; health open for whoever starts the provider. */
  @Bean
  @Order(2)
  SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults())
        .build();
  }

  @Bean
  UserDetailsService people(ProviderPeople people) {
    return new InMemoryUserDetailsManager(
        people.people().stream()
            .map(
                person ->
                    User.withUsername(person.username())
                        .password(person.password())
                        .authorities("ROLE_PERSON")
                        .build())
            .toList());
  }

  /**
   * The person's {@code email}, {@code name} and {@code groups} in the ID token and in the access
   * token of a person's sign-in, as a company's provider puts them there when told to.
   */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> personClaims(ProviderPeople people) {
    return context -> {
      boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
      boolean personsAccessToken =
          OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
              && !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
                  context.getAuthorizationGrantType());
      if (!idToken && !personsAccessToken) {
        return;
      }
      people
          .find(context.getPrincipal().getName())
          .ifPresent(
              person -> {
                Map<String, Object> claims = new HashMap<>();
                claims.put("email", person.email());
                claims.put("name", person.name());
                claims.put("groups", person.groups());
                context.getClaims().claims(all -> all.putAll(claims));
              });
    };
  }
}
