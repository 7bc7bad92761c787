package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code java -jar local-stack/target/local-stack.jar token --company=<uuid> ...}: prints a bearer
 * token of the local stack's development issuer ({@link DevTokenIssuer} in {@code
 * <data-dir>/issuer/}), and nothing else on stdout, so that {@code TOKEN=$(...)} works.
 */
final class DevTokenCommand {

  /** The company the README's examples and the web UI's sign-in form use. */
  static final String EXAMPLE_COMPANY = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";

  static final String DEFAULT_SUBJECT = "user:admin@localhost";

  /**
   * The local stack's operator: the launcher names it in {@code
   * service-accounts.security.operators}, so its tokens reach the operator endpoints (parked
   * records, dead letters, projection rebuilds).
   */
  static final String OPERATOR = "user:operator@localhost";

  static final String USAGE =
      """
      Usage: java -jar local-stack/target/local-stack.jar token --company=UUID [options]

      Prints a bearer token (a JWT, nothing else) that the local stack's services accept:
        TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=UUID)
        curl -H "Authorization: Bearer $TOKEN" ...

        --company=UUID        the company the caller acts in (required)
        --subject=TEXT        who acts (user:admin@localhost; the services refuse
                              service-account:… and system:…, which only they name);
                              %s is the operator: its token reaches
                              /actuator/parked, /actuator/deadletters, /actuator/projections
        --admin=LEVEL         level on the Admin tool (ADMIN)
        --directory=LEVEL     level on the Directory tool (ADMIN)
        --tool=ID:LEVEL       a level on another tool, e.g. --tool=reports:READ_ONLY; repeatable
        --hours=N             lifetime in hours (8)
        --data-dir=PATH       the local stack's data folder, as given to ./run-local (.local-stack)
        --help                print this text

      LEVEL is NONE, READ_ONLY, STANDARD or ADMIN.
      Tools: %s.
      """
          .formatted(OPERATOR, String.join(", ", CompanyTools.ids()));

  private DevTokenCommand() {}

  /**
   * Runs the command with the arguments after {@code token}.
   *
   * @return the exit code: 0, or 2 for wrong arguments (said on {@code err}, with the usage)
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getProperties(), out, err);
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}; {@code local-stack.data-dir} counts. */
  static int run(String[] args, Properties systemProperties, PrintStream out, PrintStream err) {
    Request request;
    try {
      request = Request.parse(args, systemProperties);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println();
      err.print(USAGE);
      err.flush();
      return 2;
    }
    if (request == null) {
      out.print(USAGE);
      out.flush();
      return 0;
    }
    Path issuerDirectory = issuerDirectory(request.dataDirectory()).toAbsolutePath().normalize();
    if (!Files.exists(issuerDirectory.resolve(DevTokenIssuer.PRIVATE_KEY_FILE))) {
      err.println(
          "No issuer key in "
              + issuerDirectory
              + " yet: made a new one. Services that are already running with another data"
              + " folder will refuse this token; start ./run-local with --data-dir="
              + request.dataDirectory()
              + " or give the token command that folder's --data-dir.");
      err.flush();
    }
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(issuerDirectory);
    out.println(
        issuer.mint(
            request.subject(), Map.of(request.company(), request.tools()), request.lifetime()));
    out.flush();
    return 0;
  }

  /** Where a data folder keeps the issuer's keys: {@code <data-dir>/issuer}. */
  static Path issuerDirectory(Path dataDirectory) {
    return dataDirectory.resolve("issuer");
  }

  /** What a command line asks for. */
  record Request(
      UUID company,
      String subject,
      Map<String, PermissionLevel> tools,
      Duration lifetime,
      Path dataDirectory) {

    /**
     * @return null for {@code --help}
     * @throws IllegalArgumentException saying what is wrong with an argument
     */
    static Request parse(String[] args, Properties systemProperties) {
      UUID company = null;
      String subject = DEFAULT_SUBJECT;
      String dataDirectory = systemProperties.getProperty("local-stack.data-dir", ".local-stack");
      Duration lifetime = DevTokenIssuer.DEV_TOKEN_LIFETIME;
      Map<String, PermissionLevel> tools = new LinkedHashMap<>();
      tools.put(CompanyTools.ADMIN, PermissionLevel.ADMIN);
      tools.put(CompanyTools.DIRECTORY, PermissionLevel.ADMIN);
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          return null;
        }
        int equals = arg.indexOf('=');
        if (!arg.startsWith("--") || equals < 0) {
          throw new IllegalArgumentException("Options look like --key=value, got: " + arg);
        }
        String option = arg.substring(0, equals);
        String value = arg.substring(equals + 1);
        switch (option) {
          case "--company" -> company = uuid(value);
          case "--subject" -> {
            if (value.isBlank()) {
              throw new IllegalArgumentException(
                  "--subject needs a value, e.g. user:bob@acme.example");
            }
            subject = value;
          }
          case "--admin" -> tools.put(CompanyTools.ADMIN, level(option, value));
          case "--directory" -> tools.put(CompanyTools.DIRECTORY, level(option, value));
          case "--tool" -> {
            int colon = value.indexOf(':');
            String tool = colon < 0 ? value : value.substring(0, colon);
            if (colon < 0 || !CompanyTools.isKnown(tool)) {
              throw new IllegalArgumentException(
                  "--tool takes ID:LEVEL with ID one of "
                      + String.join(", ", CompanyTools.ids())
                      + ", got: "
                      + value);
            }
            tools.put(tool, level("--tool=" + tool, value.substring(colon + 1)));
          }
          case "--hours" -> lifetime = Duration.ofHours(hours(value));
          case "--data-dir" -> {
            if (value.isBlank()) {
              throw new IllegalArgumentException("--data-dir needs a folder");
            }
            dataDirectory = value;
          }
          default -> throw new IllegalArgumentException("Unknown option: " + option);
        }
      }
      if (company == null) {
        throw new IllegalArgumentException("--company is required");
      }
      return new Request(company, subject, tools, lifetime, Path.of(dataDirectory));
    }

    private static UUID uuid(String value) {
      try {
        UUID company = UUID.fromString(value);
        if (company.toString().equalsIgnoreCase(value)) {
          return company;
        }
      } catch (IllegalArgumentException e) {
        // said below
      }
      throw new IllegalArgumentException(
          "--company takes a company id (UUID, e.g. " + EXAMPLE_COMPANY + "), got: " + value);
    }

    private static PermissionLevel level(String option, String value) {
      try {
        return PermissionLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            option
                + " takes a level, one of "
                + Arrays.stream(PermissionLevel.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ", got: "
                + value,
            e);
      }
    }

    private static long hours(String value) {
      try {
        long hours = Long.parseLong(value.trim());
        if (hours >= 1 && hours <= 24L * 366) {
          return hours;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new IllegalArgumentException(
          "--hours takes a whole number of hours from 1 to 8784, got: " + value);
    }
  }
}
