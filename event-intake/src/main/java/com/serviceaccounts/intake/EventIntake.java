package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies a poll of the event topic to a projection: in one database transaction, which first reads
 * the open parked records of the events' holders ({@link PollAdmission}), applies the events before
 * the first that waits behind one, and closes the parked records of those re-driven; one event at a
 * time if the database refuses the poll ({@link PollTransactions}). How long it takes is told to
 * {@link IntakeSetbacks}.
 */
public final class EventIntake {

  private final ParkedRecords parked;
  private final ParkingStrategy strategy;
  private final TransactionTemplate transaction;
  private final GapWaits gapWaits;
  private final IntakeSetbacks setbacks;

  EventIntake(
      ParkedRecords parked,
      ParkingStrategy strategy,
      TransactionTemplate transaction,
      GapWaits gapWaits,
      IntakeSetbacks setbacks) {
    this.parked = parked;
    this.strategy = strategy;
    this.transaction = transaction;
    this.gapWaits = gapWaits;
    this.setbacks = setbacks;
  }

  /**
   * @param none the outcome of no events
   * @param projection applies events in the caller's transaction and says what became of them
   * @param committed told each transaction's events and their outcome once it has committed
   * @return what became of the poll's events; hand it to {@link EventPoll#throwIfStopped}
   */
  public <O extends PollTransactions.Outcome<O>> O apply(
      EventPoll poll,
      O none,
      Function<List<EventEnvelope>, O> projection,
      BiConsumer<List<EventEnvelope>, O> committed) {
    List<EventEnvelope> events = poll.events();
    // Read in the poll's first transaction; its one-at-a-time fallback keeps what it read.
    SingletonSupplier<PollAdmission> admission =
        SingletonSupplier.of(() -> PollAdmission.read(poll, parked, strategy, gapWaits));
    setbacks.applying();
    try {
      return PollTransactions.apply(
          events.size(),
          none,
          (from, to) -> {
            O outcome =
                transaction.execute(
                    status -> admission.obtain().apply(events, from, to, none, projection));
            committed.accept(events.subList(from, to), outcome);
            return outcome;
          });
    } finally {
      setbacks.applied();
    }
  }
}
