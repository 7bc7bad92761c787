package com.serviceaccounts.bench;

import java.time.Duration;

/**
 * How soon a secret that command-service hands out works at token-service: for each round, an
 * account is created and then its secret rotated, and each time token requests are sent from the
 * command's response on, one after the other without pause, until one gets a token. The time from
 * the response to that token is the figure; requests refused on the way are counted.
 */
final class SecretUsability {

  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  /** What the measurement does to the stack; a test stands in for it. */
  interface Operations {

    /** Creates an account; returns once command-service has answered. */
    Credentials create() throws Exception;

    /** Rotates the account's secret; returns once command-service has answered. */
    Credentials rotate(Credentials account) throws Exception;

    /** Asks for a token; whether it was issued. */
    boolean token(Credentials credentials) throws Exception;
  }

  /** An account's client id and one of its secrets. */
  record Credentials(String accountId, String clientId, String secret) {}

  /**
   * @param created from the creation's response to the first token
   * @param rotated from the rotation's response to the first token with the new secret
   * @param refusedAfterCreate token requests refused before the new account's first token
   * @param refusedAfterRotate token requests refused before the new secret's first token
   */
  record Result(
      Latencies created, Latencies rotated, int refusedAfterCreate, int refusedAfterRotate) {

    String describe() {
      return String.format(
          "create → usable %s, %d requests refused on the way; rotate → usable %s, %d refused",
          created.summary(), refusedAfterCreate, rotated.summary(), refusedAfterRotate);
    }
  }

  private SecretUsability() {}

  static Result measure(int rounds, Operations operations) throws Exception {
    Latencies created = new Latencies();
    Latencies rotated = new Latencies();
    int refusedAfterCreate = 0;
    int refusedAfterRotate = 0;
    for (int round = 0; round < rounds; round++) {
      Credentials account = operations.create();
      long answered = System.nanoTime();
      refusedAfterCreate += untilUsable(operations, account);
      created.add(System.nanoTime() - answered);

      Credentials rotation = operations.rotate(account);
      answered = System.nanoTime();
      refusedAfterRotate += untilUsable(operations, rotation);
      rotated.add(System.nanoTime() - answered);
    }
    return new Result(created, rotated, refusedAfterCreate, refusedAfterRotate);
  }

  /** Asks until a token comes; answers how many requests were refused before. */
  private static int untilUsable(Operations operations, Credentials credentials) throws Exception {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    int refused = 0;
    while (!operations.token(credentials)) {
      refused++;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the secret of " + credentials.clientId() + " got no token within " + GIVE_UP);
      }
    }
    return refused;
  }
}
