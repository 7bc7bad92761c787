package com.serviceaccounts.token.credentials;

import java.util.UUID;

/** A version of an account in token-service's credentials: where an event applies. */
record CredentialsVersion(UUID account, long version) {}
