package com.serviceaccounts.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PublisherEventSource} on Axon's JDBC storage engine and a real PostgreSQL: what a reader
 * waiting for events is woken by, and that it reads every event once, in order, batch after batch.
 * The poll interval is an hour unless a test is about polling, so a reader that is not woken by a
 * commit waits out the test's timeout and fails it.
 */
class PublisherEventSourceIT {

  private static final Duration HOUR = Duration.ofHours(1);

  private static JdbcEventStorageEngine storage;
  private static EmbeddedEventStore eventStore;

  private final ExecutorService readers = Executors.newSingleThreadExecutor();
  private final List<TrackingEventStream> streams = new ArrayList<>();
  private final String aggregate = UUID.randomUUID().toString();
  private long nextSequence;

  @BeforeAll
  static void eventStore() throws Exception {
    DataSource dataSource = TestInfrastructure.get().superuserDataSource("publisher_source_it");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS domainevententry, snapshotevententry");
    }
    storage =
        JdbcEventStorageEngine.builder()
            .connectionProvider(new DataSourceConnectionProvider(dataSource))
            .transactionManager(NoTransactionManager.INSTANCE)
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .batchSize(100)
            .build();
    storage.createSchema(PostgresEventTableFactory.INSTANCE);
    eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
  }

  @AfterAll
  static void shutDown() {
    eventStore.shutDown();
  }

  @AfterEach
  void closeStreams() {
    readers.shutdownNow();
    streams.forEach(TrackingEventStream::close);
  }

  @Test
  void aWaitingReaderWakesWhenTheUnitOfWorkThatStoredEventsCommits() throws Exception {
    TrackingEventStream stream = openAtHead(new PublisherEventSource(storage, eventStore, HOUR));
    Future<Boolean> available = waitingReader(stream);

    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    DomainEventMessage<?> event = nextEvent();
    eventStore.publish(event);
    unitOfWork.commit();

    assertThat(available.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());
    assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void aWaitingReaderWakesWhenEventsAreStoredOutsideAUnitOfWork() throws Exception {
    TrackingEventStream stream = openAtHead(new PublisherEventSource(storage, eventStore, HOUR));
    Future<Boolean> available = waitingReader(stream);

    DomainEventMessage<?> event = nextEvent();
    eventStore.publish(event);

    assertThat(available.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());
  }

  @Test
  void eventsStoredByAnotherInstanceAreFoundByPolling() throws Exception {
    TrackingEventStream stream =
        openAtHead(new PublisherEventSource(storage, eventStore, Duration.ofMillis(100)));
    Future<Boolean> available = waitingReader(stream);

    // Appended by the storage engine alone, as another instance's commit looks from here.
    DomainEventMessage<?> event = nextEvent();
    storage.appendEvents(event);

    assertThat(available.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());
  }

  @Test
  void aBacklogIsReadOnceAndInOrderAcrossStorageBatches() throws Exception {
    TrackingEventStream stream = openAtHead(new PublisherEventSource(storage, eventStore, HOUR));
    List<String> stored = new ArrayList<>();
    IntStream.range(0, 250)
        .forEach(
            i -> {
              DomainEventMessage<?> event = nextEvent();
              stored.add(event.getIdentifier());
              eventStore.publish(event);
            });

    List<String> read = new ArrayList<>();
    while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
      TrackedEventMessage<?> peeked = stream.peek().orElseThrow();
      TrackedEventMessage<?> event = stream.nextAvailable();
      assertThat(event).isSameAs(peeked);
      read.add(event.getIdentifier());
    }
    System.out.printf("PublisherEventSourceIT: stored %d, read %d%n", stored.size(), read.size());
    assertThat(read).containsExactlyElementsOf(stored);
  }

  private TrackingEventStream openAtHead(PublisherEventSource source) {
    TrackingEventStream stream = source.openStream(source.createHeadToken());
    streams.add(stream);
    return stream;
  }

  /** A reader blocked in {@code hasNextAvailable} for up to a minute once this returns. */
  private Future<Boolean> waitingReader(TrackingEventStream stream) {
    AtomicReference<Thread> reader = new AtomicReference<>();
    Future<Boolean> available =
        readers.submit(
            () -> {
              reader.set(Thread.currentThread());
              return stream.hasNextAvailable(60, TimeUnit.SECONDS);
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> reader.get() != null && reader.get().getState() == Thread.State.TIMED_WAITING);
    return available;
  }

  private DomainEventMessage<?> nextEvent() {
    return new GenericDomainEventMessage<>(
        "ServiceAccount", aggregate, nextSequence++, "event " + nextSequence);
  }
}
