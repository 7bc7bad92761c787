package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.AppType;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a service account. The client id and the secret's hash are generated before the command is
 * sent; the plaintext secret never enters a command or an event.
 */
record CreateServiceAccount(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    String clientId,
    String clientSecretHash,
    String name,
    AppType appType,
    String marketplaceAppId,
    String contactEmail) {}
