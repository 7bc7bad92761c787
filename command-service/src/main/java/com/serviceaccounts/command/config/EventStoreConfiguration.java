package com.serviceaccounts.command.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's embedded event store over its JDBC storage engine, as Axon's
 * auto-configuration makes them (it backs off from all three beans once an event store is defined),
 * except that the event store's cache is cleaned every second instead of every 10 s.
 *
 * <p>The embedded event store's producer thread reads the store ahead, as fast as it can, into a
 * cache its tracking processors share. A processor that falls behind — the publisher waiting for
 * Kafka's acknowledgements — keeps everything read since its place reachable until a clean-up round
 * moves it to a stream of its own. With a backlog of a million events, 10 s of reading ahead held
 * ~355,000 events (~480 MiB) and ran a 512 MiB heap out; a round each second bounds it to a tenth.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

  static final Duration CACHE_CLEANUP = Duration.ofSeconds(1);

  @Qualifier("eventStore")
  @Bean(name = "eventBus")
  EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
    return EmbeddedEventStore.builder()
        .storageEngine(storageEngine)
        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
        .cleanupDelay(CACHE_CLEANUP.toMillis())
        .timeUnit(TimeUnit.MILLISECONDS)
        .build();
  }

  @Bean
  EventStorageEngine eventStorageEngine(
      Serializer defaultSerializer,
      PersistenceExceptionResolver persistenceExceptionResolver,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      org.axonframework.config.Configuration configuration,
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      EventSchema eventSchema) {
    return JdbcEventStorageEngine.builder()
        .snapshotSerializer(defaultSerializer)
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(persistenceExceptionResolver)
        .eventSerializer(eventSerializer)
        .snapshotFilter(configuration.snapshotFilter())
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .schema(eventSchema)
        .build();
  }

  @Bean
  EventSchema eventSchema() {
    return new EventSchema();
  }

  /** Tells a duplicate key (two commands appending the same version of an account) from others. */
  @Bean
  PersistenceExceptionResolver jdbcSQLErrorCodesResolver() {
    return new JdbcSQLErrorCodesResolver();
  }
}
