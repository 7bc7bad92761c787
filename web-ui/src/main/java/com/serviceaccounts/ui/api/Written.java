package com.serviceaccounts.ui.api;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import java.util.UUID;

/** command-service's answer to a change: the account's new version (read-your-writes). */
public record Written(UUID id, long version, AccountStatus status) {}
