package com.serviceaccounts.testsupport;

import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/**
 * The credential the tests give query-service at command-service's {@code /internal} API (the event
 * stream and the data keys), and its hash, which command-service is configured with. For tests
 * only: deployments make their own (see docker-compose.yml).
 */
public final class TestServiceCredentials {

  /** The credential's name, its HTTP Basic user name. */
  public static final String QUERY_SERVICE = "query-service";

  /** The secret; a constant, since it guards nothing but test data. */
  public static final String QUERY_SERVICE_SECRET = "test-query-service-secret-not-for-production";

  /** Where command-service reads the hashes of the credentials it accepts, by name. */
  public static final String SERVER_PROPERTY_PREFIX =
      "service-accounts.security.service-credentials.";

  private TestServiceCredentials() {}

  public static String queryServiceHash() {
    return ClientSecretHash.of(QUERY_SERVICE_SECRET);
  }

  /** The credential as query-service sends it: an HTTP Basic {@code Authorization} value. */
  public static String queryServiceBasic() {
    return basic(QUERY_SERVICE, QUERY_SERVICE_SECRET);
  }

  /** An HTTP Basic {@code Authorization} value of {@code name} and {@code secret}. */
  public static String basic(String name, String secret) {
    return "Basic " + HttpHeaders.encodeBasicAuth(name, secret, StandardCharsets.UTF_8);
  }
}
