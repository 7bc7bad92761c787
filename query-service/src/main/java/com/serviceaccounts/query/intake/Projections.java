package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.Admissions;
import com.serviceaccounts.intake.Admissions.Admission;
import com.serviceaccounts.intake.OutOfStepEventException;
import com.serviceaccounts.query.intake.CompanyEventOrder.Positions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to every projection in the caller's transaction: the live feed's and
 * the rebuild's one way of applying events. Each company's events are applied in company-sequence
 * order, whatever their order in the batch, and each once; an event whose predecessor is neither
 * applied nor in the batch waits; one that a projection cannot take though it is its company's next
 * ({@link Projection.Changes#outOfStep}) is out of step, and its company's later events wait behind
 * it.
 */
@Component
class Projections {

  private final CompanyEventOrder companyOrder;
  private final List<Projection> projections;

  Projections(CompanyEventOrder companyOrder, List<Projection> projections) {
    this.companyOrder = companyOrder;
    this.projections = List.copyOf(projections);
  }

  /**
   * Every table the events are projected into: the company positions and each projection's own, as
   * they name them.
   */
  List<ProjectedTable> tables() {
    List<ProjectedTable> tables = new ArrayList<>();
    tables.add(CompanyEventOrder.TABLE);
    projections.forEach(projection -> tables.addAll(projection.tables()));
    return List.copyOf(tables);
  }

  /**
   * @return what became of each event of the batch, in its order: {@code NEXT} for applied, {@code
   *     DUPLICATE} for skipped, {@code EARLY} for waiting, {@code OUT_OF_STEP} for its company's
   *     next that a projection cannot take (its company's position stays before it)
   */
  Admissions apply(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return Admissions.NONE;
    }
    Admission[] admissions = new Admission[events.size()];
    Arrays.fill(admissions, Admission.EARLY);
    Map<Integer, OutOfStepEventException> outOfStep = new HashMap<>();
    Positions positions = companyOrder.lock(events);
    List<Projection.Changes> changes = new ArrayList<>();
    projections.forEach(projection -> changes.add(projection.prepare(events)));
    // Passes over the waiting events until one applies none: an event may wait for one later in
    // the batch (records of one company on two partitions, or redelivered out of order).
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (int i = 0; i < admissions.length; i++) {
        if (admissions[i] != Admission.EARLY) {
          continue;
        }
        EventEnvelope event = events.get(i);
        admissions[i] = positions.admission(event);
        if (admissions[i] == Admission.NEXT) {
          OutOfStepEventException refused = outOfStep(changes, event);
          if (refused != null) {
            admissions[i] = Admission.OUT_OF_STEP;
            outOfStep.put(i, refused);
          } else {
            positions.admit(event);
            changes.forEach(change -> change.apply(event));
            progressed = true;
          }
        }
      }
    }
    List<EventEnvelope> duplicates = new ArrayList<>();
    List<EventEnvelope> admitted = new ArrayList<>();
    for (int i = 0; i < admissions.length; i++) {
      if (admissions[i] == Admission.DUPLICATE) {
        duplicates.add(events.get(i));
      } else if (admissions[i] == Admission.NEXT) {
        admitted.add(events.get(i));
      }
    }
    companyOrder.sameAsApplied(duplicates, admitted);
    changes.forEach(Projection.Changes::write);
    positions.write();
    int firstWaiting = Arrays.asList(admissions).indexOf(Admission.EARLY);
    return Admissions.of(
        admissions, firstWaiting < 0 ? null : positions.gap(events.get(firstWaiting)), outOfStep);
  }

  private static OutOfStepEventException outOfStep(
      List<Projection.Changes> changes, EventEnvelope event) {
    for (Projection.Changes change : changes) {
      OutOfStepEventException refused = change.outOfStep(event);
      if (refused != null) {
        return refused;
      }
    }
    return null;
  }
}
