package com.serviceaccounts.events;

/** The Kafka topics between the services and their default names. */
public final class EventTopic {

  /**
   * Every service-account event, keyed by company id so that one company's events (and so each of
   * its accounts' events) stay in order on one partition; both services read the name from {@code
   * service-accounts.events.topic}.
   */
  public static final String DEFAULT_NAME = "service-account-events";

  /**
   * Denied attempts ({@link com.serviceaccounts.events.security.SecurityEntry}), keyed by company
   * id; the query side adds them to the company's audit trail.
   */
  public static final String SECURITY_NAME = "service-account-security";

  /**
   * How service accounts use their credentials ({@link
   * com.serviceaccounts.events.usage.CredentialUsage}), keyed by account id.
   */
  public static final String USAGE_NAME = "service-account-usage";

  private EventTopic() {}
}
