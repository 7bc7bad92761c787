package com.serviceaccounts.intake;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health/parked}: {@value #PARKED} while any record is parked, with the count per
 * topic, until each is applied after a re-drive or discarded. Not part of readiness: the service
 * serves every other company as before, and taking it out of the load balancer would not bring the
 * parked records back.
 */
class ParkedRecordsHealthIndicator implements HealthIndicator {

  static final String PARKED = "PARKED";

  private final ParkedRecords parked;

  ParkedRecordsHealthIndicator(ParkedRecords parked) {
    this.parked = parked;
  }

  @Override
  public Health health() {
    Map<String, Long> open = parked.openByTopic();
    return (open.isEmpty() ? Health.up() : Health.status(new Status(PARKED)))
        .withDetail("open", open)
        .build();
  }
}
