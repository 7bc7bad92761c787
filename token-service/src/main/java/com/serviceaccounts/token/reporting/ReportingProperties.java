package com.serviceaccounts.token.reporting;

import com.serviceaccounts.events.EventTopic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token service reports what happened.
 *
 * @param securityTopic refused authentications ({@code SecurityEntry}), keyed by company id
 * @param usageTopic credential usage ({@code CredentialUsage}), keyed by account id
 * @param usageFlushInterval how often the usage aggregated in memory is sent
 * @param partitions partitions of the two topics when this service creates them
 */
@ConfigurationProperties("service-accounts.token.reporting")
record ReportingProperties(
    @DefaultValue(EventTopic.SECURITY_NAME) String securityTopic,
    @DefaultValue(EventTopic.USAGE_NAME) String usageTopic,
    @DefaultValue("5s") Duration usageFlushInterval,
    @DefaultValue("6") int partitions) {}
