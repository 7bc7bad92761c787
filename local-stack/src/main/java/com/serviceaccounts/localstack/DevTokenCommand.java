package com.serviceaccounts.localstack;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar local-stack.jar token --company=<uuid> ...}: prints a bearer token of the local
 * stack's development issuer, for curl and friends.
 */
final class DevTokenCommand {

  static final String USAGE =
      """
      Usage: java -jar local-stack/target/local-stack.jar token --company=UUID [options]

      Prints a bearer token that the local stack's services accept.

        --company=UUID        the company the caller acts in (required)
        --subject=TEXT        who acts (user:admin@localhost)
        --admin=LEVEL         level on the Admin tool (ADMIN)
        --directory=LEVEL     level on the Directory tool (ADMIN)
        --tool=ID:LEVEL       a level on another tool, e.g. --tool=reports:READ_ONLY; repeatable
        --hours=N             lifetime (8)
        --data-dir=PATH       the local stack's data folder (.local-stack)

      LEVEL is NONE, READ_ONLY, STANDARD or ADMIN.
      """;

  private DevTokenCommand() {}

  /** Returns the exit code: 0, or 2 for wrong arguments (with the usage on {@code err}). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      UUID company = null;
      String subject = "user:admin@localhost";
      Path dataDirectory = Path.of(".local-stack");
      long hours = 8;
      Map<String, PermissionLevel> tools = new LinkedHashMap<>();
      tools.put(CompanyTools.ADMIN, PermissionLevel.ADMIN);
      tools.put(CompanyTools.DIRECTORY, PermissionLevel.ADMIN);
      for (String arg : args) {
        String[] option = arg.split("=", 2);
        if (option.length != 2) {
          throw new IllegalArgumentException("unknown argument " + arg);
        }
        switch (option[0]) {
          case "--company" -> company = UUID.fromString(option[1]);
          case "--subject" -> subject = option[1];
          case "--admin" -> tools.put(CompanyTools.ADMIN, PermissionLevel.valueOf(option[1]));
          case "--directory" ->
              tools.put(CompanyTools.DIRECTORY, PermissionLevel.valueOf(option[1]));
          case "--tool" -> {
            String[] tool = option[1].split(":", 2);
            if (tool.length != 2 || !CompanyTools.isKnown(tool[0])) {
              throw new IllegalArgumentException(
                  "--tool takes ID:LEVEL with ID one of " + String.join(", ", CompanyTools.ids()));
            }
            tools.put(tool[0], PermissionLevel.valueOf(tool[1]));
          }
          case "--hours" -> hours = Long.parseLong(option[1]);
          case "--data-dir" -> dataDirectory = Path.of(option[1]);
          default -> throw new IllegalArgumentException("unknown option " + option[0]);
        }
      }
      if (company == null) {
        throw new IllegalArgumentException("--company is required");
      }
      DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(issuerDirectory(dataDirectory));
      out.println(issuer.mint(subject, Map.of(company, tools), Duration.ofHours(hours)));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println();
      err.print(USAGE);
      return 2;
    }
  }

  /** Where a data folder keeps the issuer's keys. */
  static Path issuerDirectory(Path dataDirectory) {
    return dataDirectory.resolve("issuer");
  }
}
