package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.Admissions;
import com.serviceaccounts.intake.Admissions.Admission;
import com.serviceaccounts.intake.ConflictingEventException;
import com.serviceaccounts.intake.OutOfStepEventException;
import com.serviceaccounts.query.intake.CompanyEventOrder.Positions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to every projection in the caller's transaction: the live feed's and
 * the rebuild's one way of applying events. Each company's events are applied in company-sequence
 * order, whatever their order in the batch, and each once; an event whose predecessor is neither
 * applied nor in the batch waits; one that a projection cannot take though it is its company's next
 * ({@link Projection.Changes#outOfStep}) is out of step, and so is one given the number of another
 * event applied ({@link ConflictingEventException}): its company's later events wait behind it.
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
   *     next that a projection cannot take (its company's position stays before it) and for a
   *     second event given an applied one's number
   */
  Admissions apply(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return Admissions.NONE;
    }
    Positions positions = companyOrder.lock(events);
    List<Projection.Changes> changes = new ArrayList<>();
    projections.forEach(projection -> changes.add(projection.prepare(events)));
    Admissions admissions =
        Admissions.inPasses(
            events,
            EventEnvelope::companyId,
            new Admissions.Admitter() {
              @Override
              public RuntimeException refusal(EventEnvelope event) {
                return switch (positions.admission(event)) {
                  case NEXT -> outOfStep(changes, event);
                  case DUPLICATE -> positions.conflict(event);
                  default -> null;
                };
              }

              @Override
              public Admission apply(EventEnvelope event) {
                Admission admission = positions.admission(event);
                if (admission == Admission.NEXT) {
                  positions.admit(event);
                  changes.forEach(change -> change.apply(event));
                }
                return admission;
              }

              @Override
              public RuntimeException gap(EventEnvelope event) {
                return positions.gap(event);
              }
            });
    changes.forEach(Projection.Changes::write);
    positions.write();
    return admissions;
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
