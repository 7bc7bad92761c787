package com.serviceaccounts.command.serviceaccount;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CreateRequestsConfiguration {

  /**
   * A create's {@code Idempotency-Key} and request hash travel from the command to its event, where
   * {@link CreateRequests} records them in the event's transaction.
   */
  @Bean
  CorrelationDataProvider idempotencyKeyOfCreates() {
    return new SimpleCorrelationDataProvider(CreateRequests.KEY, CreateRequests.REQUEST_HASH);
  }
}
