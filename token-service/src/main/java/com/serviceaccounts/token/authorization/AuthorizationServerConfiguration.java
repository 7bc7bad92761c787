package com.serviceaccounts.token.authorization;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.IntakeSetbacks;
import com.serviceaccounts.security.edge.HttpEdgeAutoConfiguration;
import com.serviceaccounts.token.credentials.ClientCredentialsRepository;
import com.serviceaccounts.token.credentials.RecentCredentials;
import com.serviceaccounts.token.reporting.CredentialUsageRecorder;
import com.serviceaccounts.token.reporting.SecurityEntryPublisher;
import com.serviceaccounts.token.signing.AccessTokenKeys;
import com.serviceaccounts.token.throttling.FailedAttemptThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * Spring Authorization Server, limited to what service accounts need: the token endpoint with the
 * client-credentials grant, JWKS, metadata (RFC 8414), introspection (RFC 7662) and revocation (RFC
 * 7009). Its extension points carry this service's rules: the clients are the credentials store's
 * accounts ({@link ServiceAccountClients}), clients authenticate against every valid secret ({@link
 * ServiceAccountAuthenticationProvider}, replacing the one-secret provider), failures are throttled
 * and reported ({@link ClientAuthenticationFailureHandler}), tokens carry the account's permissions
 * ({@link ServiceAccountTokenClaims}), issuing counts usage ({@link TokenIssuedHandler}), issued
 * tokens are not stored ({@link SelfContainedAuthorizations}), a client introspects only its own
 * tokens unless it is one of the {@code introspectors} ({@link OwnTokensIntrospection}), and a
 * secret just handed out is waited for ({@link CredentialsArrival}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  @Bean
  ServiceAccountClients registeredClientRepository(
      ClientCredentialsRepository store, TokenProperties properties) {
    return new ServiceAccountClients(store, properties);
  }

  @Bean
  ServiceAccountTokenClaims tokenClaims(AccessTokenKeys keys, TokenProperties properties) {
    return new ServiceAccountTokenClaims(
        SignatureAlgorithm.from(keys.algorithm().name()), keys.activeKeyId(), properties);
  }

  @Bean
  SelfContainedAuthorizations authorizationService(
      JWKSource<SecurityContext> jwkSource,
      AccessTokenKeys keys,
      ClientCredentialsRepository store,
      ServiceAccountClients clients,
      RevokedTokens revoked) {
    return new SelfContainedAuthorizations(
        ownTokenDecoder(jwkSource, keys), store, clients, revoked);
  }

  /**
   * First of all filters, so that the HTTP edge's refusals of the endpoints carry it; on every
   * path, as an error dispatch is to the error page's, not the endpoint's.
   */
  @Bean
  FilterRegistrationBean<OAuthErrorMembers> oauthErrorMembers() {
    FilterRegistrationBean<OAuthErrorMembers> registration =
        new FilterRegistrationBean<>(new OAuthErrorMembers());
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * After the HTTP edge's filters (a malformed request is a 400 whatever its method), before Spring
   * Security, which would refuse the methods the endpoints do not take.
   */
  @Bean
  FilterRegistrationBean<EndpointMethods> endpointMethods(AuthorizationServerSettings settings) {
    FilterRegistrationBean<EndpointMethods> registration =
        new FilterRegistrationBean<>(new EndpointMethods(settings));
    registration.addUrlPatterns(OAuthErrorMembers.ENDPOINTS, "/.well-known/*");
    registration.setOrder(HttpEdgeAutoConfiguration.FILTER_ORDER + 10);
    return registration;
  }

  /**
   * The client ids whose credentials this instance committed, at their account's newest version:
   * the credentials projection reports them, waiting token requests are woken by them.
   */
  @Bean
  CommittedVersions<String> credentialsChanges() {
    return new CommittedVersions<>();
  }

  @Bean
  RecentCredentials recentCredentials(
      ClientCredentialsRepository store, TokenProperties properties, MeterRegistry meters) {
    TokenProperties.RecentCredentialsLimits recent = properties.recentCredentials();
    return new RecentCredentials(
        store::findByClientId, recent.maxAge(), recent.maxClients(), meters);
  }

  @Bean
  CredentialsArrival credentialsArrival(
      ClientCredentialsRepository store,
      CommittedVersions<String> changes,
      TokenProperties properties,
      MeterRegistry meters,
      IntakeSetbacks setbacks) {
    return new CredentialsArrival(
        store::findByClientId, changes, properties.credentialsWait(), meters, setbacks);
  }

  @Bean
  ClientAuthenticationFailureHandler clientAuthenticationFailureHandler(
      SecurityEntryPublisher securityEntries, MeterRegistry meters, Clock clock) {
    return new ClientAuthenticationFailureHandler(securityEntries, meters, clock);
  }

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerFilterChain(
      HttpSecurity http,
      RecentCredentials credentials,
      ServiceAccountClients clients,
      FailedAttemptThrottle throttle,
      ClientAuthenticationFailureHandler failures,
      CredentialUsageRecorder usage,
      CredentialsArrival arrival,
      TokenProperties properties,
      AuthorizationServerSettings settings,
      Clock clock)
      throws Exception {
    var provider =
        new ServiceAccountAuthenticationProvider(credentials, clients, throttle, arrival, clock);
    OAuth2AuthorizationServerConfigurer authorizationServer =
        new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(
            new AndRequestMatcher(
                authorizationServer.getEndpointsMatcher(),
                new NegatedRequestMatcher(ServedEndpoints.unserved(settings))))
        .with(
            authorizationServer,
            server ->
                server
                    .clientAuthentication(
                        authentication ->
                            authentication
                                .authenticationConverters(
                                    converters ->
                                        converters.add(0, new OneClientAuthenticationMethod()))
                                .authenticationProviders(
                                    providers -> {
                                      providers.removeIf(
                                          ClientSecretAuthenticationProvider.class::isInstance);
                                      providers.add(0, provider);
                                    })
                                .errorResponseHandler(failures))
                    .tokenEndpoint(
                        token ->
                            token.accessTokenResponseHandler(new TokenIssuedHandler(usage, clock)))
                    .tokenIntrospectionEndpoint(
                        introspection ->
                            introspection
                                .errorResponseHandler(failures)
                                .authenticationProviders(
                                    providers ->
                                        providers.replaceAll(
                                            candidate ->
                                                candidate
                                                        instanceof
                                                        OAuth2TokenIntrospectionAuthenticationProvider
                                                    ? new OwnTokensIntrospection(
                                                        candidate,
                                                        Set.copyOf(properties.introspectors()))
                                                    : candidate)))
                    .tokenRevocationEndpoint(
                        revocation ->
                            revocation.errorResponseHandler(new ForeignTokenRevocation(failures)))
                    .authorizationServerMetadataEndpoint(
                        metadata ->
                            metadata.authorizationServerMetadataCustomizer(
                                builder ->
                                    builder
                                        .claims(ServedEndpoints::retainServed)
                                        .grantTypes(
                                            grantTypes -> {
                                              grantTypes.clear();
                                              grantTypes.add(
                                                  AuthorizationGrantType.CLIENT_CREDENTIALS
                                                      .getValue());
                                            })
                                        .tokenEndpointAuthenticationMethods(
                                            methods -> {
                                              methods.clear();
                                              methods.addAll(ServedEndpoints.CLIENT_SECRET_METHODS);
                                            })
                                        .tokenRevocationEndpointAuthenticationMethods(
                                            methods -> {
                                              methods.clear();
                                              methods.addAll(ServedEndpoints.CLIENT_SECRET_METHODS);
                                            })
                                        .tokenIntrospectionEndpointAuthenticationMethods(
                                            methods -> {
                                              methods.clear();
                                              methods.addAll(ServedEndpoints.CLIENT_SECRET_METHODS);
                                            }))))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(failures));
    return http.build();
  }

  /**
   * Everything that is neither the authorization server nor actuator ({@link
   * OperatorSecurityConfiguration}): the API's description (the OpenAPI document, Swagger UI) open,
   * the rest closed.
   */
  @Bean
  @Order(3)
  SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * Verifies this service's own access tokens ({@code typ: at+jwt}) against the published keys,
   * each with its own algorithm only (every published key names its {@code alg}).
   */
  private static NimbusJwtDecoder ownTokenDecoder(
      JWKSource<SecurityContext> jwkSource, AccessTokenKeys keys) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(keys.publishedAlgorithms(), jwkSource));
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTypeValidator("at+jwt"), new JwtTimestampValidator(Duration.ZERO)));
    return decoder;
  }
}
