package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.OutOfStepEventException;
import java.util.List;

/**
 * A read model kept up to date from the event stream. The intake applies events a batch at a time,
 * in one database transaction: it asks every projection to {@link #prepare} for the batch (one read
 * of the rows the events touch), hands it each event to apply, in company-sequence order and each
 * once ({@link CompanyEventOrder}), then has it {@link Changes#write} the result (one batch of
 * statements). Between transactions all state is in the database.
 */
public interface Projection {

  /** The tables this projection keeps; a rebuild makes exactly these afresh. */
  List<ProjectedTable> tables();

  /**
   * Reads, and locks for the caller's transaction, what applying these events needs; some of them
   * may then not be applied (duplicates, or events after a gap).
   */
  Changes prepare(List<EventEnvelope> events);

  /** A projection's changes within one transaction: applied in memory, then written at once. */
  interface Changes {

    /**
     * Why this projection cannot take the event, its company's next, or null if it can: its account
     * is unknown here, or behind it. Changes nothing.
     */
    default OutOfStepEventException outOfStep(EventEnvelope event) {
      return null;
    }

    /** Applies an event that {@link #outOfStep} lets through; one seen before changes nothing. */
    void apply(EventEnvelope event);

    /** Writes what the applied events changed, in the caller's transaction. */
    void write();
  }
}
