package com.serviceaccounts.contract.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import java.util.UUID;

/**
 * command-service's answer to a change: the account's version after it (also the {@code ETag}, for
 * read-your-writes), and its {@code status} where the command decided it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountVersion(UUID id, long version, AccountStatus status) {}
