package com.serviceaccounts.localstack;

import static com.serviceaccounts.localstack.ServiceArguments.COMMAND_DATABASE;
import static com.serviceaccounts.localstack.ServiceArguments.QUERY_DATABASE;
import static com.serviceaccounts.localstack.ServiceArguments.TOKEN_DATABASE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the launcher prints once the stack is up: where everything is and how to reach it. */
record StartupSummary(
    EmbeddedPostgresServer postgres,
    KafkaKraftBroker kafka,
    List<ServiceProcess> services,
    Path dataDirectory,
    boolean infraOnly,
    ServiceArguments arguments) {

  void print(Duration startUp) {
    StringBuilder summary =
        new StringBuilder()
            .append('\n')
            .append(
                String.format(
                    Locale.ROOT, "Local stack is up after %.1f s%n%n", startUp.toMillis() / 1000.0))
            .append(
                String.format(
                    "  PostgreSQL       jdbc:postgresql://127.0.0.1:%d/  (superuser %s, password %s)%n",
                    postgres.port(), postgres.username(), postgres.password()))
            .append(
                String.format(
                    "                   databases %s, %s, %s, each owned by the role of its name"
                        + " (password: the same), which may connect to no other%n",
                    COMMAND_DATABASE, QUERY_DATABASE, TOKEN_DATABASE))
            .append(
                String.format(
                    "  Kafka            %s  (bootstrap servers)%n", kafka.bootstrapServers()));
    for (ServiceProcess service : services) {
      summary.append(String.format("  %-16s %s%n", service.label(), service.baseUri()));
    }
    summary.append(
        String.format("  Data folder      %s  (delete it to start from scratch)%n", dataDirectory));
    if (infraOnly) {
      summary
          .append(String.format("%nRun the services from an IDE with these program arguments:%n"))
          .append(
              String.format(
                  "  command-service  %s%n", String.join(" ", arguments.spring(COMMAND_DATABASE))))
          .append(
              String.format(
                  "  query-service    %s%n", String.join(" ", arguments.spring(QUERY_DATABASE))))
          .append(
              String.format(
                  "                   and in its environment %s%n",
                  environment(arguments.environment(QUERY_DATABASE))))
          .append(
              String.format(
                  "  token-service    %s%n", String.join(" ", arguments.spring(TOKEN_DATABASE))));
    }
    services.stream()
        .filter(service -> service.label().equals("web-ui"))
        .findFirst()
        .ifPresent(
            ui ->
                summary.append(
                    String.format(
                        "%nThe web UI: open %s and sign in (development sign-in, company %s)%n",
                        ui.baseUri(), DevTokenCommand.EXAMPLE_COMPANY)));
    summary.append(tokenHelp());
    summary.append(String.format("%nCtrl-C stops everything.%n"));
    System.out.print(summary);
    System.out.flush();
  }

  /** How to get a bearer token the services accept, and which key they trust. */
  private String tokenHelp() {
    String dataDirectoryOption =
        dataDirectory.equals(Path.of(".local-stack").toAbsolutePath().normalize())
            ? ""
            : " --data-dir=" + dataDirectory;
    return String.format(
        "%nA bearer token for a company (ADMIN on its Admin and Directory tools; token --help for"
            + " more):%n"
            + "  TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=<uuid>%s)%n"
            + "  curl -H \"Authorization: Bearer $TOKEN\" ...%n"
            + "The operator's token (/actuator/parked, /actuator/deadletters,"
            + " /actuator/projections):%n"
            + "  TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=<uuid>"
            + " --subject=%s%s)%n"
            + "A service account's token, from token-service:%n"
            + "  curl -u <clientId>:<clientSecret> -d grant_type=client_credentials"
            + " <token-service>/oauth2/token%n"
            + "  token-service signs them (ES256) with %s's private half and publishes it at"
            + " <token-service>/oauth2/jwks%n"
            + "  People's tokens are signed with the development issuer's key, %s%n",
        dataDirectoryOption,
        DevTokenCommand.OPERATOR,
        dataDirectoryOption,
        arguments.tokenSigning().publicKeyPem(),
        arguments.issuer().publicKeyPem());
  }

  private static String environment(Map<String, String> variables) {
    return variables.entrySet().stream()
        .map(variable -> variable.getKey() + "=" + variable.getValue())
        .collect(Collectors.joining(" "));
  }
}
