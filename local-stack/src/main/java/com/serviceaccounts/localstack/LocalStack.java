package com.serviceaccounts.localstack;

import java.util.Arrays;

/**
 * Entry point of {@code java -jar local-stack.jar}: the whole system on a machine with only a JDK;
 * {@code java -jar local-stack.jar token --company=<uuid>} prints a bearer token its services
 * accept (see {@link DevTokenCommand}).
 *
 * <p>Holds no logger of its own: the launcher's logging configuration has to be chosen before the
 * first logger exists, and it is not called {@code logback.xml} so that modules that use these
 * classes as a library (test-support, the system tests) keep their own.
 */
public final class LocalStack {

  private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

  /** The first argument that makes {@code java -jar local-stack.jar} print a bearer token. */
  static final String TOKEN_COMMAND = "token";

  private LocalStack() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(TOKEN_COMMAND)) {
      // Nothing but the token goes to stdout, so that TOKEN=$(java -jar ... token ...) works.
      System.exit(
          DevTokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
      return;
    }
    if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
      System.setProperty(LOGBACK_CONFIGURATION, "local-stack-logback.xml");
    }
    // Picocli answers --help and wrong options (exit code 2); the launcher runs until Ctrl-C.
    int exitCode = LauncherOptions.commandLine(System.getProperties()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
