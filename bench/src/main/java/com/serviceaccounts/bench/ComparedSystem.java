package com.serviceaccounts.bench;

import java.time.Duration;

/**
 * A system the peer comparison drives: started, stopped and loaded the same way whichever it is.
 */
interface ComparedSystem {

  String name();

  /**
   * Starts the system, on no data when {@code fresh}, else on the data of its last run; answers the
   * time from the start of its first process to its answering requests.
   */
  Duration start(boolean fresh) throws Exception;

  /** Stops every process of the system; its data stays. */
  void stop() throws Exception;

  /** The system's processes as they run now. */
  ProcessTree processes();

  /**
   * Makes the system sign new tokens with {@code algorithm} (RS256, ES256), restarting it if it
   * must; the tokens say whether it did.
   */
  void signWith(String algorithm) throws Exception;

  /** A new client with a secret, once the token endpoint knows it. */
  SecretUsability.Credentials tokenClient() throws Exception;

  /** A client-credentials token request ({@code client_secret_basic}). */
  Http.Reply token(SecretUsability.Credentials client) throws Exception;

  /** Clients that each create service accounts (clients of the peer), one per operation. */
  Load.Client creates();

  /** Clients that each rename one of ten service accounts of their own, one per operation. */
  Load.Client edits();
}
