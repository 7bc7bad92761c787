package com.serviceaccounts.token.authorization;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.token.credentials.RecentCredentials;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import com.serviceaccounts.token.credentials.StoredSecret;
import com.serviceaccounts.token.throttling.FailedAttemptThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * Authenticates a service account by {@code client_secret_basic} or {@code client_secret_post}, in
 * place of Spring Authorization Server's {@code ClientSecretAuthenticationProvider}, which knows
 * one secret per client: an account has every secret that is valid now (the current one and, in the
 * overlap after a rotation, the earlier ones).
 *
 * <p>The presented secret is compared with every valid hash ({@link ClientSecretHash#matches}:
 * constant-time), without stopping at a match, so the time taken says nothing about which secret
 * matched or how close a guess came. Then the account must be {@code ACTIVE}, and a token issued
 * now must read as issued after its last reactivation or restoration ({@code iat} holds whole
 * seconds: in that very second the client is told to come back). Failures count towards the client
 * id's lockout; while locked out, even the right secret is refused.
 *
 * <p>The account's credentials are read through {@link RecentCredentials}. An unknown client id or
 * a secret that matches none is looked up in the store again and given time to arrive ({@link
 * CredentialsArrival}): a secret that command-service has just handed out works on the very next
 * request. Only a refusal after that wait counts towards the lockout; while it waits, a wrong
 * secret holds a place in the client id's count ({@link FailedAttemptThrottle#check}), and one told
 * to come back for want of a place to wait holds its place as long as it would have waited,
 * uncounted (it may be a secret just handed out). Once those places and the failures counted reach
 * the lockout's number the client is told to come back (503) before its secret is compared.
 */
class ServiceAccountAuthenticationProvider implements AuthenticationProvider {

  private final RecentCredentials credentials;
  private final ServiceAccountClients clients;
  private final FailedAttemptThrottle throttle;
  private final CredentialsArrival arrival;
  private final Clock clock;

  ServiceAccountAuthenticationProvider(
      RecentCredentials credentials,
      ServiceAccountClients clients,
      FailedAttemptThrottle throttle,
      CredentialsArrival arrival,
      Clock clock) {
    this.credentials = credentials;
    this.clients = clients;
    this.throttle = throttle;
    this.arrival = arrival;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return TemporarilyUnavailable.unlessStoreUnreachable(
        () -> authenticate((OAuth2ClientAuthenticationToken) authentication));
  }

  private Authentication authenticate(OAuth2ClientAuthenticationToken request) {
    ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
    if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
        && !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
      return null;
    }
    String clientId = request.getPrincipal().toString();
    Optional<StoredClientCredentials> found = credentials.find(clientId);
    Optional<Duration> lockedOut = throttle.lockedOutFor(clientId);
    if (lockedOut.isPresent()) {
      throw ClientAuthenticationRefused.lockedOut(clientId, found.orElse(null), lockedOut.get());
    }
    if (throttle.verdictsPending(clientId)) {
      throw verdictsPending();
    }
    Object presented = request.getCredentials();
    if (presented == null) {
      if (found.isEmpty()) {
        throw ClientAuthenticationRefused.because(clientId, null, "unknown client id");
      }
      throw guess(clientId, found.get(), "no client secret", Optional.empty());
    }
    String secret = presented.toString();
    int secretNumber = matchingSecret(found, secret);
    if (secretNumber == 0) {
      // The store is asked again, and the next request too: the kept row may be older.
      credentials.forget(List.of(clientId));
      Optional<FailedAttemptThrottle.Check> check = Optional.empty();
      if (found.isPresent()) {
        check = throttle.check(clientId);
        if (check.isEmpty()) {
          throw verdictsPending();
        }
      }
      try {
        found = awaitMatch(clientId, found, secret, check);
        secretNumber = matchingSecret(found, secret);
        if (found.isPresent() && secretNumber == 0) {
          throw guess(clientId, found.get(), "wrong or expired client secret", check);
        }
      } finally {
        check.ifPresent(FailedAttemptThrottle.Check::close);
      }
    }
    if (found.isEmpty()) {
      throw ClientAuthenticationRefused.because(clientId, null, "unknown client id");
    }
    StoredClientCredentials account = found.get();
    if (account.status() != AccountStatus.ACTIVE) {
      throw ClientAuthenticationRefused.because(
          clientId, account, "the account is " + account.status().name().toLowerCase());
    }
    throttle.recordSuccess(clientId);
    if (!account.issuedAfterTokensNotBefore(clock.instant().truncatedTo(ChronoUnit.SECONDS))) {
      // A token issued now would have the second of the account's reactivation or restoration as
      // its iat, and read as issued before it: the client asks again in the next second.
      throw new TemporarilyUnavailable(
          "the account was reactivated or restored this very second; ask again in a second");
    }
    return new AuthenticatedServiceAccount(clients.client(account), method, account, secretNumber);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** {@link #matchingSecret(StoredClientCredentials, String, Instant)} now; 0 for no account. */
  private int matchingSecret(Optional<StoredClientCredentials> account, String presented) {
    return account.map(found -> matchingSecret(found, presented, clock.instant())).orElse(0);
  }

  /** The number of the valid secret that {@code presented} is, or 0 if it is none of them. */
  private static int matchingSecret(
      StoredClientCredentials account, String presented, Instant now) {
    int matched = 0;
    for (StoredSecret secret : account.secretsValidAt(now)) {
      if (ClientSecretHash.matches(presented, secret.hash())) {
        matched = secret.number();
      }
    }
    return matched;
  }

  /**
   * As many wrong secrets of the client id as lock it out wait for their verdict: the client asks
   * again once they have it, at the latest after the wait they may take (a new secret's first
   * requests, sent at once, may meet this too).
   */
  private TemporarilyUnavailable verdictsPending() {
    return new TemporarilyUnavailable(
        "earlier client secrets of this client id are still being checked; try again shortly",
        arrival.maxWait());
  }

  /**
   * The credentials of {@code clientId} once {@code secret} matches one of them, or as they are
   * after the wait ({@link CredentialsArrival}).
   */
  private Optional<StoredClientCredentials> awaitMatch(
      String clientId,
      Optional<StoredClientCredentials> found,
      String secret,
      Optional<FailedAttemptThrottle.Check> check) {
    try {
      return arrival.await(
          clientId,
          found,
          credentials -> matchingSecret(credentials, secret, clock.instant()) != 0);
    } catch (CredentialsArrival.Busy busy) {
      if (check.isEmpty()) {
        throw busy;
      }
      // Told to come back without a wait: not counted (it may be a secret just handed out), but
      // its place in the count stays taken for as long as it would have waited, and the client
      // is told to come back once it is free.
      check.get().toldToComeBack(arrival.maxWait());
      throw busy.comeBackAfter(arrival.maxWait());
    }
  }

  /**
   * A wrong secret for a known client id: what guessing looks like, so it counts (in place of the
   * place its {@code check} held while it waited); the one that locks the client id out says so
   * (the refusals while it is locked out are not recorded).
   */
  private ClientAuthenticationRefused guess(
      String clientId,
      StoredClientCredentials account,
      String reason,
      Optional<FailedAttemptThrottle.Check> check) {
    Optional<Duration> lockedOut =
        check.isPresent() ? check.get().failed() : throttle.recordFailure(clientId);
    return ClientAuthenticationRefused.because(
        clientId,
        account,
        lockedOut.isEmpty()
            ? reason
            : reason + "; too many failed attempts: locked out for " + lockedOut.get());
  }
}
