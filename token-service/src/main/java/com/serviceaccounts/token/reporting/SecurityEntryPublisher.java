package com.serviceaccounts.token.reporting;

import com.serviceaccounts.events.security.SecurityEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes refused authentications of known accounts as {@link SecurityEntry} records, keyed by
 * company id. The request does not wait for Kafka: a refusal is answered at once, and a record that
 * cannot be sent is logged (without a secret: an entry holds none).
 */
@Component
public class SecurityEntryPublisher {

  private static final Logger log = LoggerFactory.getLogger(SecurityEntryPublisher.class);

  private final ReportSender sender;
  private final ReportingProperties properties;

  SecurityEntryPublisher(ReportSender sender, ReportingProperties properties) {
    this.sender = sender;
    this.properties = properties;
  }

  public void publish(SecurityEntry entry) {
    sender
        .send(properties.securityTopic(), entry.companyId().toString(), entry)
        .whenComplete(
            (sent, failure) -> {
              if (failure != null) {
                log.error(
                    "security entry {} ({} of {}) not published: {}",
                    entry.entryId(),
                    entry.operation(),
                    entry.actor(),
                    failure.getMessage());
              }
            });
  }
}
