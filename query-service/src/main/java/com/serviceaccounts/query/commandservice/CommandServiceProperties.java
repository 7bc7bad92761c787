package com.serviceaccounts.query.commandservice;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where command-service serves its {@code /internal} API (the event stream a rebuild reads, the
 * data keys that open contact emails), and this service's credential there.
 *
 * @param url command-service's base URL (behind a load balancer, or a Service in Kubernetes); or
 *     several instances' URLs, comma-separated, each tried in turn while one cannot be reached
 * @param username the credential's name, which command-service knows its hash by
 * @param password the credential's secret
 */
@ConfigurationProperties("service-accounts.command-service")
public record CommandServiceProperties(List<URI> url, String username, String password) {

  /** The credential's secret never reaches a log line. */
  @Override
  public String toString() {
    return "CommandServiceProperties[url=" + url + ", username=" + username + "]";
  }
}
