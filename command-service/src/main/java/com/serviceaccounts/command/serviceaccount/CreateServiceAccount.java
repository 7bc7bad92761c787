package com.serviceaccounts.command.serviceaccount;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a service account as {@code request} asks. The client id and the secret's hash are
 * generated before the command is sent; the plaintext secret never enters a command or an event.
 */
record CreateServiceAccount(
    @TargetAggregateIdentifier UUID accountId,
    UUID companyId,
    String clientId,
    String clientSecretHash,
    CreateServiceAccountRequest request) {}
