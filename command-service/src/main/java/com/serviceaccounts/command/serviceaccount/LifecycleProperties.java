package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.problem.ProblemCode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Time rules of an account's life, {@code service-accounts.lifecycle.*}.
 *
 * @param restoreWindow how long a deleted account can be restored before it is purged (30 days)
 * @param secretOverlap how long the previous secrets stay valid after a rotation, unless the
 *     request says otherwise (24 hours; 0 ends them at once)
 * @param purgeInterval how often deleted accounts past their window are looked for (1 minute)
 */
@ConfigurationProperties("service-accounts.lifecycle")
record LifecycleProperties(Duration restoreWindow, Duration secretOverlap, Duration purgeInterval) {

  /** The longest overlap a rotation request may ask for. */
  static final Duration MAX_SECRET_OVERLAP = Duration.ofDays(30);

  LifecycleProperties {
    restoreWindow = restoreWindow == null ? Duration.ofDays(30) : restoreWindow;
    secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
    purgeInterval = purgeInterval == null ? Duration.ofMinutes(1) : purgeInterval;
  }

  /**
   * The overlap a rotation asked for, or the configured one when it asked for none.
   *
   * @throws InvalidServiceAccountException if it is negative or longer than {@link
   *     #MAX_SECRET_OVERLAP}
   */
  Duration secretOverlap(Duration requested) {
    Duration overlap = requested == null ? secretOverlap : requested;
    if (overlap.isNegative() || overlap.compareTo(MAX_SECRET_OVERLAP) > 0) {
      throw new InvalidServiceAccountException(
          "previousSecretValidFor",
          ProblemCode.SECRET_OVERLAP_OUT_OF_RANGE,
          "previousSecretValidFor must be between PT0S (end the previous secrets now) and P30D");
    }
    return overlap;
  }
}
