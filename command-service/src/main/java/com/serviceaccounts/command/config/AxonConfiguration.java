package com.serviceaccounts.command.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.command.caller.Caller;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.EventType;
import java.time.Clock;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Axon stores and hands on events in this service. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

  /** Events per query when the store is read: an account's events, or the publisher's batch. */
  private static final int EVENT_STORE_BATCH_SIZE = 100;

  /**
   * Events are stored as the same JSON that travels on Kafka (shared-events' {@link EventJson}), so
   * the event store stays readable with plain SQL and one mapping serves both. Axon's Jackson
   * serializers ({@code axon.serializer.*: jackson}) pick this mapper up by its bean name.
   */
  @Bean("defaultAxonObjectMapper")
  ObjectMapper axonObjectMapper() {
    return EventJson.newMapper();
  }

  /**
   * Every event is stored with its type's current revision (shared-events' {@link EventType}, which
   * has no Axon annotations), so that {@link StoredEventUpcaster} knows which steps an event needs
   * when it is read. Events stored before revisions were recorded have none: revision 1.
   */
  @Bean
  RevisionResolver revisionResolver() {
    return payloadType ->
        EventType.ofPayloadType(payloadType.getName())
            .map(type -> Integer.toString(type.revision()))
            .orElse(null);
  }

  /**
   * The actor and the request's correlation id (command metadata the web layer sets) travel from
   * the command to every event it causes. This replaces Axon's default, which would overwrite
   * {@code correlationId} with the id of the command message.
   */
  @Bean
  CorrelationDataProvider actorAndCorrelationId() {
    return new SimpleCorrelationDataProvider(
        Caller.ACTOR, Caller.ACTOR_TYPE, Caller.CORRELATION_ID);
  }

  /**
   * The JDBC event store, built as Axon's auto-configuration builds it but for one thing: an
   * account's events are read in one query when they fit in one batch. Axon's JDBC engine reads an
   * aggregate until a query finds nothing, a second round trip for every command on an existing
   * account. An account's sequence numbers have no gaps (each event is appended at the next number,
   * under a unique key, and none is ever deleted), so a batch shorter than the batch size is the
   * last.
   */
  @Bean
  EventStorageEngine eventStorageEngine(
      Serializer defaultSerializer,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      PersistenceExceptionResolver persistenceExceptionResolver,
      org.axonframework.config.Configuration configuration,
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager) {
    return JdbcEventStorageEngine.builder()
        .snapshotSerializer(defaultSerializer)
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(persistenceExceptionResolver)
        .eventSerializer(eventSerializer)
        .snapshotFilter(configuration.snapshotFilter())
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .schema(new EventSchema())
        .batchSize(EVENT_STORE_BATCH_SIZE)
        .finalAggregateBatchPredicate(batch -> batch.size() < EVENT_STORE_BATCH_SIZE)
        .build();
  }

  /**
   * Accounts with long histories load from a snapshot plus the events after it, rather than from
   * every event; a snapshot is taken every {@code threshold} events. At 10 a command reads about
   * five events where at 100 it read about fifty, and a snapshot every ten events (an insert, and a
   * delete of the one before) costs less than the reads it saves (see BENCHMARKS.md).
   */
  @Bean
  SnapshotTriggerDefinition serviceAccountSnapshotTrigger(
      Snapshotter snapshotter, @Value("${service-accounts.snapshot-threshold}") int threshold) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
  }

  /** The time commands are stamped with; a bean so that tests can move it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * An event handler that fails must never be skipped: the lookup table's handler must roll the
   * command back, and the publisher must retry rather than lose an event. Axon's default logs and
   * carries on; this makes every handler's failure propagate.
   */
  @Bean
  ConfigurerModule failuresPropagate() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
  }
}
