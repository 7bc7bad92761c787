package com.serviceaccounts.events;

import java.time.Duration;
import java.time.Instant;

/**
 * When a record of a side topic (a usage report, a security entry) may say something happened: not
 * later than the reader's clock allows. A last use only moves forward and a chain of entries is
 * read in time order, so one record from the future would hide every real one after it.
 */
public final class ReportedTimes {

  /**
   * How far the writer's clock may be ahead of the reader's: Kerberos's default tolerance, far
   * beyond what servers that keep time drift apart.
   */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private ReportedTimes() {}

  /**
   * The earliest time a record may report: the year 1, where ISO-8601's four-digit years and the
   * stores' times begin (a time before it reads back as another, or not at all).
   */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest time anything may name: the end of the year 9999. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** Whether {@code at} lies in the years 1 to 9999, as ISO-8601's four-digit years write them. */
  public static boolean inFourDigitYears(Instant at) {
    return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
  }

  /**
   * @param what what {@code at} is, for the message
   * @return {@code at}
   * @throws IllegalArgumentException if it does not lie in the years 1 to 9999
   */
  public static Instant requireFourDigitYears(String what, Instant at) {
    if (!inFourDigitYears(at)) {
      throw new IllegalArgumentException(what + " " + at + " is not between the years 1 and 9999");
    }
    return at;
  }

  /** What is wrong with {@code at} on a reader whose clock says {@code now}, or {@code null}. */
  public static String defect(Instant at, Instant now) {
    if (at.isBefore(EARLIEST)) {
      return "is " + at + ", before the year 1";
    }
    return at.isAfter(now.plus(MAX_CLOCK_SKEW))
        ? "is " + at + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the clock"
        : null;
  }
}
