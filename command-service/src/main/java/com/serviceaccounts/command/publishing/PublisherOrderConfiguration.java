package com.serviceaccounts.command.publishing;

import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The publisher's segments split the stream by company, not by account (Axon's default): one
 * company's events are all sent by one segment's thread, in the order of the event store, which for
 * one company is the order of its company sequence.
 */
@Configuration(proxyBeanMethods = false)
class PublisherOrderConfiguration {

  static final SequencingPolicy<EventMessage<?>> BY_COMPANY =
      event ->
          event.getPayload() instanceof ServiceAccountEvent serviceAccountEvent
              ? serviceAccountEvent.companyId()
              : event.getIdentifier();

  @Bean
  ConfigurerModule publishEachCompanyInOrder() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerSequencingPolicy(KafkaEventPublisher.PROCESSING_GROUP, c -> BY_COMPANY);
  }
}
