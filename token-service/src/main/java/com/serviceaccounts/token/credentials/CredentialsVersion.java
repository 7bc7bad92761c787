package com.serviceaccounts.token.credentials;

import java.util.UUID;

/** A version of an account: where an event applies. */
record AccountVersion(UUID account, long version) {}
