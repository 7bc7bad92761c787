package com.serviceaccounts.security.access;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What Spring Security reports to Micrometer in every service and the web UI: nothing of its own.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

  /**
   * Spring Security would otherwise wrap each of its filters, each authentication and each
   * authorization decision in an observation of its own, with a timer each: about a tenth of
   * command-service's CPU per command, and a few per cent of token-service's per token, in a
   * profile. Every request is still timed as a whole ({@code http.server.requests}, which carries
   * the outcome), and refusals still count there by status.
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
