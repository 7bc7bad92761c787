package com.serviceaccounts.command.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.command.caller.Caller;
import com.serviceaccounts.events.EventJson;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Axon stores and hands on events in this service. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

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
   * Accounts with long histories load from a snapshot plus the events after it, rather than from
   * every event; a snapshot is taken every {@code threshold} events.
   */
  @Bean
  SnapshotTriggerDefinition serviceAccountSnapshotTrigger(
      Snapshotter snapshotter, @Value("${service-accounts.snapshot-threshold:100}") int threshold) {
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
