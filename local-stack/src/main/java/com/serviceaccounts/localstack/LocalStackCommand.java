package com.serviceaccounts.localstack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The option the launcher and its {@code token} command share: the data folder. Both mix it in
 * ({@code @Mixin}), so that {@code --data-dir} means one folder, written once.
 */
final class LocalStackCommand {

  @Option(
      names = "--data-dir",
      paramLabel = "PATH",
      defaultValue = ".local-stack",
      description =
          "the local stack's data folder, as given to ./run-local: PostgreSQL's and Kafka's data,"
              + " the issuer's and audit signing keys (${DEFAULT-VALUE})")
  Path dataDirectory;

  /** Where the data folder keeps the development issuer's keys: {@code <data-dir>/issuer}. */
  Path issuerDirectory() {
    return DevTokenCommand.issuerDirectory(dataDirectory);
  }
}
