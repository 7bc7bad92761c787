package com.serviceaccounts.query.audit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Signed checkpoints of the companies' chains ({@code service-accounts.audit.checkpoints.*}).
 *
 * @param signingKey the Ed25519 private key (PKCS#8 PEM) checkpoints are signed with; none: no
 *     checkpoints are made (the endpoints say so). A file only this service's process can read,
 *     never in its database.
 * @param signingPublicKey its public key (PEM), which is published
 * @param publishedKeys PEM public keys of earlier signing keys: published with the current one, and
 *     kept for as long as checkpoints they signed exist (forever)
 * @param interval how often the companies whose chains grew get a checkpoint
 * @param topic the Kafka topic checkpoints are sent to, keyed by company
 */
@ConfigurationProperties("service-accounts.audit.checkpoints")
record AuditCheckpointProperties(
    Resource signingKey,
    Resource signingPublicKey,
    @DefaultValue List<Resource> publishedKeys,
    @DefaultValue("1m") Duration interval,
    @DefaultValue("service-account-audit-checkpoints") String topic,
    @DefaultValue("1") int partitions,
    Short replicas) {}
