package com.serviceaccounts.security.access;

import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The credentials the system's own services present at another service's {@code /internal} API
 * (command-service's event stream and data keys, which query-service reads): HTTP Basic with a
 * credential's name and a secret of 256 random bits, of which the serving side keeps only the hash
 * ({@link ClientSecretHash}) in {@code service-accounts.security.service-credentials.<name>}. None
 * configured, none accepted. Company callers' tokens open nothing there, and these credentials
 * nothing else.
 *
 * @param serviceCredentials name → hash of the secret
 */
@ConfigurationProperties("service-accounts.security")
record ServiceCredentials(Map<String, String> serviceCredentials) {

  /** The paths served to the system's own services only. */
  static final String PATHS = "/internal/**";

  /** The authority of a caller that presented one of the credentials. */
  static final String AUTHORITY = "SERVICE";

  ServiceCredentials {
    serviceCredentials = serviceCredentials == null ? Map.of() : Map.copyOf(serviceCredentials);
  }

  /** Checks a presented name and secret against the configured hashes. */
  AuthenticationManager authenticationManager() {
    List<UserDetails> users =
        serviceCredentials.entrySet().stream()
            .map(
                credential ->
                    User.withUsername(credential.getKey())
                        .password(credential.getValue())
                        .authorities(AUTHORITY)
                        .build())
            .toList();
    DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
    provider.setPasswordEncoder(new SecretHashEncoder());
    return new ProviderManager(provider);
  }

  /** A missing or wrong credential: 401 problem with {@code WWW-Authenticate: Basic}. */
  AuthenticationEntryPoint refusal() {
    return (request, response, failure) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"internal\"");
      ProblemResponses.writeUnauthenticated(
          request,
          response,
          "this API is for the system's own services: send a service credential with HTTP Basic");
    };
  }

  /**
   * The secrets are random, so the one fast hash of the project serves (Spring Security has no
   * encoder for this form; a slow password hash would cost every request tens of milliseconds).
   */
  private static final class SecretHashEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence raw) {
      return ClientSecretHash.of(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String hash) {
      return raw != null && hash != null && ClientSecretHash.matches(raw.toString(), hash);
    }
  }
}
