package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The command-line arguments each service is started with: where its database and Kafka are, and
 * which keys and issuers it trusts; and its environment, which holds its secrets.
 *
 * @param tokenIssuer the token service's {@code iss}, which the other two services trust
 * @param commandServiceUrl where query-service finds command-service's event stream and data keys
 * @param queryServiceSecret query-service's credential at command-service's {@code /internal} API;
 *     command-service is given only its hash
 * @param auditSigning the key pair query-service signs audit checkpoints with
 * @param tokenSigning the key pair token-service signs service accounts' tokens with
 * @param tokenSignatureAlgorithm its algorithm, ES256 or RS256, the one the others accept
 */
record ServiceArguments(
    EmbeddedPostgresServer postgres,
    KafkaKraftBroker kafka,
    DevTokenIssuer issuer,
    String tokenIssuer,
    String commandServiceUrl,
    String queryServiceSecret,
    AuditSigningKeys auditSigning,
    TokenSigningKeys tokenSigning,
    String tokenSignatureAlgorithm) {

  static final String COMMAND_DATABASE = "command_service";

  static final String QUERY_DATABASE = "query_service";

  static final String TOKEN_DATABASE = "token_service";

  /** The name query-service's credential has at command-service. */
  static final String QUERY_SERVICE_CREDENTIAL = "query-service";

  /** {@code spring.datasource.password}, as an environment variable. */
  static final String DATABASE_PASSWORD_VARIABLE = "SPRING_DATASOURCE_PASSWORD";

  /** {@code service-accounts.command-service.password}, as an environment variable. */
  static final String QUERY_SERVICE_PASSWORD_VARIABLE = "SERVICE_ACCOUNTS_COMMAND_SERVICE_PASSWORD";

  /** 256 random bits, URL-safe: a service credential's secret. */
  static String newSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * The services' arguments; token-service signs with its own key pair (ES256 unless told RS256)
   * and publishes the public key at {@code /oauth2/jwks}, where the other two, which trust its
   * {@code iss}, find it; they accept people's tokens from the development issuer ({@code
   * service-accounts-dev}, their default, RS256) with its public key, and {@link
   * DevTokenCommand#OPERATOR}'s at their operator endpoints.
   */
  List<String> spring(String database) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(database),
                // Two idle connections, not the pool's ten, while nobody uses the stack: each is a
                // PostgreSQL process of its own. The pool still grows to ten under load.
                "--spring.datasource.hikari.minimum-idle=2",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
    if (database.equals(TOKEN_DATABASE)) {
      arguments.add("--service-accounts.token.key-directory=" + tokenSigning.directory());
      arguments.add("--service-accounts.token.signature-algorithm=" + tokenSignatureAlgorithm);
      arguments.add("--spring.security.oauth2.authorizationserver.issuer=" + tokenIssuer);
    }
    // All three verify people's tokens (token-service only its operators') with the same key.
    arguments.add(
        "--spring.security.oauth2.resourceserver.jwt.public-key-location="
            + issuer.publicKeyLocation());
    arguments.add("--service-accounts.security.issuers.service-accounts=" + tokenIssuer);
    arguments.add(
        "--service-accounts.security.issuers.service-account-keys.jwk-set-uri="
            + tokenIssuer
            + "/oauth2/jwks");
    arguments.add(
        "--service-accounts.security.issuers.service-account-keys.signature-algorithm="
            + tokenSignatureAlgorithm);
    arguments.add("--service-accounts.security.operators=" + DevTokenCommand.OPERATOR);
    if (database.equals(COMMAND_DATABASE)) {
      arguments.add(
          "--service-accounts.security.service-credentials."
              + QUERY_SERVICE_CREDENTIAL
              + "="
              + ClientSecretHash.of(queryServiceSecret));
    }
    if (database.equals(QUERY_DATABASE)) {
      // The event stream (rebuilds) and the data keys (contact emails) are command-service's API.
      arguments.add("--service-accounts.command-service.url=" + commandServiceUrl);
      arguments.add("--service-accounts.command-service.username=" + QUERY_SERVICE_CREDENTIAL);
      arguments.addAll(auditSigning.queryServiceArguments());
    }
    return arguments;
  }

  /** Gives the service of {@code database} its arguments and its environment. */
  void applyTo(ServiceProcess.Builder service, String database) {
    spring(database).forEach(service::argument);
    environment(database).forEach(service::environment);
  }

  /**
   * The secrets a service is given, as environment variables: a process's command line is visible
   * to every user of the machine ({@code ps}), its environment only to its own user.
   */
  Map<String, String> environment(String database) {
    String databasePassword = postgres.password(database);
    return database.equals(QUERY_DATABASE)
        ? Map.of(
            DATABASE_PASSWORD_VARIABLE,
            databasePassword,
            QUERY_SERVICE_PASSWORD_VARIABLE,
            queryServiceSecret)
        : Map.of(DATABASE_PASSWORD_VARIABLE, databasePassword);
  }

  /**
   * The web UI's arguments: where the two services are, and the development sign-in, which mints
   * users' tokens with the issuer's key.
   */
  List<String> ui(String commandUrl, String queryUrl) {
    return List.of(
        "--service-accounts.ui.command-service-url=" + commandUrl,
        "--service-accounts.ui.query-service-url=" + queryUrl,
        "--service-accounts.ui.dev-sign-in.key-directory="
            + issuer.publicKeyPem().getParent().toAbsolutePath(),
        "--service-accounts.ui.dev-sign-in.default-company=" + DevTokenCommand.EXAMPLE_COMPANY);
  }

  /**
   * The token service's {@code iss}: its address, fixed here (without it, each request's host name
   * would be the issuer, and {@code 127.0.0.1} and {@code localhost} would make two).
   */
  static String tokenIssuer(int tokenPort) {
    return "http://localhost:" + tokenPort;
  }
}
