package com.serviceaccounts.command.publishing;

import java.time.Duration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The publisher tries a failed batch again within a second however long the failure lasted (its
 * database or Kafka away). Axon's tracking processor doubles its wait after each failure, up to 60
 * s, so after an outage of a minute the events acknowledged since stayed unpublished for up to a
 * minute more: a secret just handed out was refused at the token endpoint, a change was missing
 * from the query side. Axon has no setting for that wait; this module, which builds the tracking
 * processors in place of the auto-configuration's, builds them with the wait capped. Axon's warning
 * "preparing for retry in {n}s" still names the doubled wait.
 */
@Configuration(proxyBeanMethods = false)
class PublisherRetryConfiguration {

  /** The longest a tracking processor waits before it tries a failed batch again. */
  static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

  @Bean
  EventProcessingModule eventProcessingModule() {
    return new EventProcessingModule() {
      @Override
      protected EventProcessor trackingEventProcessor(
          String name,
          EventHandlerInvoker eventHandlerInvoker,
          TrackingEventProcessorConfiguration config,
          StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new QuickRetries(
            TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(eventHandlerInvoker)
                .rollbackConfiguration(rollbackConfiguration(name))
                .errorHandler(errorHandler(name))
                .messageMonitor(messageMonitor(TrackingEventProcessor.class, name))
                .messageSource(source)
                .tokenStore(tokenStore(name))
                .transactionManager(transactionManager(name))
                .trackingEventProcessorConfiguration(config)
                .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class)));
      }
    };
  }

  /**
   * Axon's tracking processor, whose wait after a failed batch is at most {@link #MAX_RETRY_WAIT}.
   */
  static final class QuickRetries extends TrackingEventProcessor {

    QuickRetries(TrackingEventProcessor.Builder builder) {
      super(builder);
    }

    /** Axon calls this only to wait after a failure. */
    @Override
    protected void doSleepFor(long millisToSleep) {
      super.doSleepFor(Math.min(millisToSleep, MAX_RETRY_WAIT.toMillis()));
    }
  }
}
