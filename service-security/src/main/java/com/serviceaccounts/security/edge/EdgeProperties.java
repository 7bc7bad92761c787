package com.serviceaccounts.security.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of what a client may send, shared by the services.
 *
 * @param maxBodySize the largest request body, counted as it is read (with or without {@code
 *     Content-Length}); a larger one is a 413 problem. 64 KiB by default: the largest valid body is
 *     well under 2 KiB
 * @param maxParameterLength the most characters of one parameter's value (or name), in the query or
 *     a form
 * @param virtualThreads on Java 24 and later, each request on a virtual thread ({@link
 *     RequestThreadsAutoConfiguration}, which reads it); off by default
 */
@ConfigurationProperties("service-accounts.http")
public record EdgeProperties(
    DataSize maxBodySize, Integer maxParameterLength, boolean virtualThreads) {

  public static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofKilobytes(64);
  public static final int DEFAULT_MAX_PARAMETER_LENGTH = 1_000;

  public EdgeProperties {
    maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    maxParameterLength =
        maxParameterLength == null ? DEFAULT_MAX_PARAMETER_LENGTH : maxParameterLength;
  }
}
