package com.serviceaccounts.intake;

import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health/parked}: {@value #PARKED} while any record is parked, with the count per
 * topic, until each is applied after a re-drive or discarded. Not part of readiness: the service
 * serves every other company as before, and taking it out of the load balancer would not bring the
 * parked records back. DOWN, with the reason, while the database does not answer.
 */
class ParkedRecordsHealthIndicator extends AbstractHealthIndicator {

  static final String PARKED = "PARKED";

  private final ParkedRecords parked;

  ParkedRecordsHealthIndicator(ParkedRecords parked) {
    super("parked records could not be counted");
    this.parked = parked;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    Map<String, Long> open = parked.openByTopic();
    (open.isEmpty() ? health.up() : health.status(new Status(PARKED))).withDetail("open", open);
  }
}
