package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar local-stack/target/local-stack.jar token --company=<uuid> ...}: prints a bearer
 * token of the local stack's development issuer ({@link DevTokenIssuer} in {@code
 * <data-dir>/issuer/}), and nothing else on stdout, so that {@code TOKEN=$(...)} works.
 */
@Command(
    name = "java -jar local-stack/target/local-stack.jar token",
    description = {
      "Prints a bearer token (a JWT, nothing else) that the local stack's services accept:",
      "  TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=UUID)",
      "  curl -H \"Authorization: Bearer $TOKEN\" ...",
      ""
    },
    sortOptions = false,
    usageHelpWidth = 100,
    mixinStandardHelpOptions = true)
final class DevTokenCommand implements Callable<Integer> {

  /** The company the README's examples and the web UI's sign-in form use. */
  static final String EXAMPLE_COMPANY = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";

  static final String DEFAULT_SUBJECT = "user:admin@localhost";

  /**
   * The local stack's operator: the launcher names it in {@code
   * service-accounts.security.operators}, so its tokens reach the operator endpoints (parked
   * records, dead letters, projection rebuilds).
   */
  static final String OPERATOR = "user:operator@localhost";

  @Option(
      names = "--company",
      paramLabel = "UUID",
      required = true,
      converter = CompanyId.class,
      description = "the company the caller acts in (required)")
  UUID company;

  @Option(
      names = "--subject",
      paramLabel = "TEXT",
      defaultValue = DEFAULT_SUBJECT,
      description = {
        "who acts (${DEFAULT-VALUE}; the services refuse service-account:… and system:…, which"
            + " only they name); "
            + OPERATOR
            + " is the operator: its token reaches /actuator/parked, /actuator/deadletters,"
            + " /actuator/projections"
      })
  String subject;

  @Option(
      names = "--admin",
      paramLabel = "LEVEL",
      defaultValue = "ADMIN",
      description = "level on the Admin tool (${DEFAULT-VALUE})")
  PermissionLevel admin;

  @Option(
      names = "--directory",
      paramLabel = "LEVEL",
      defaultValue = "ADMIN",
      description = "level on the Directory tool (${DEFAULT-VALUE})")
  PermissionLevel directory;

  @Option(
      names = "--tool",
      paramLabel = "ID:LEVEL",
      converter = ToolLevel.Converter.class,
      description = "a level on another tool, e.g. --tool=reports:READ_ONLY; repeatable")
  List<ToolLevel> otherTools = List.of();

  @Option(
      names = "--hours",
      paramLabel = "N",
      defaultValue = "8",
      description = "lifetime in hours (${DEFAULT-VALUE}, at most 8784)")
  long hours;

  @Mixin LocalStackCommand shared;

  @Spec CommandSpec spec;

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
    CommandLine commandLine = new CommandLine(new DevTokenCommand());
    commandLine.setDefaultValueProvider(LauncherOptions.defaults(systemProperties));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine
        .getCommandSpec()
        .usageMessage()
        .footer(
            "",
            "LEVEL is NONE, READ_ONLY, STANDARD or ADMIN.",
            "Tools: " + String.join(", ", CompanyTools.ids()) + ".");
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    if (subject.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "--subject needs a value, e.g. user:bob@acme.example");
    }
    if (hours < 1 || hours > 24L * 366) {
      throw new ParameterException(
          spec.commandLine(),
          "--hours takes a whole number of hours from 1 to 8784, got: " + hours);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path issuerDirectory = shared.issuerDirectory().toAbsolutePath().normalize();
    if (!Files.exists(issuerDirectory.resolve(DevTokenIssuer.PRIVATE_KEY_FILE))) {
      err.println(
          "No issuer key in "
              + issuerDirectory
              + " yet: made a new one. Services that are already running with another data"
              + " folder will refuse this token; start ./run-local with --data-dir="
              + shared.dataDirectory
              + " or give the token command that folder's --data-dir.");
      err.flush();
    }
    Map<String, PermissionLevel> tools = new LinkedHashMap<>();
    tools.put(CompanyTools.ADMIN, admin);
    tools.put(CompanyTools.DIRECTORY, directory);
    otherTools.forEach(tool -> tools.put(tool.id(), tool.level()));
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(issuerDirectory);
    out.println(issuer.mint(subject, Map.of(company, tools), Duration.ofHours(hours)));
    out.flush();
    return 0;
  }

  /** Where a data folder keeps the issuer's keys: {@code <data-dir>/issuer}. */
  static Path issuerDirectory(Path dataDirectory) {
    return dataDirectory.resolve("issuer");
  }

  /** A company id as the services write it. */
  static final class CompanyId implements ITypeConverter<UUID> {
    @Override
    public UUID convert(String value) {
      try {
        UUID company = UUID.fromString(value);
        if (company.toString().equalsIgnoreCase(value)) {
          return company;
        }
      } catch (IllegalArgumentException e) {
        // said below
      }
      throw new TypeConversionException(
          "takes a company id (UUID, e.g. " + EXAMPLE_COMPANY + "), got: " + value);
    }
  }

  /** A level on a tool of the company. */
  record ToolLevel(String id, PermissionLevel level) {

    static final class Converter implements ITypeConverter<ToolLevel> {
      @Override
      public ToolLevel convert(String value) {
        int colon = value.indexOf(':');
        String tool = colon < 0 ? value : value.substring(0, colon);
        if (colon < 0 || !CompanyTools.isKnown(tool)) {
          throw new TypeConversionException(
              "takes ID:LEVEL with ID one of "
                  + String.join(", ", CompanyTools.ids())
                  + ", got: "
                  + value);
        }
        String level = value.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
        try {
          return new ToolLevel(tool, PermissionLevel.valueOf(level));
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException(
              "takes a level, one of "
                  + Arrays.toString(PermissionLevel.values())
                  + ", got: "
                  + value.substring(colon + 1));
        }
      }
    }
  }
}
