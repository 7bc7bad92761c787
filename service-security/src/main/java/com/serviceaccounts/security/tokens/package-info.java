/**
 * Who the caller is: bearer-token validation. {@link
 * com.serviceaccounts.security.tokens.BearerTokens} holds the rules every token passes (a trusted
 * signature, {@code exp}, {@code sub}, an {@code iss} among the trusted issuers, a {@code sub} that
 * fits its issuer) and picks the keys by issuer: the service's configured key for the issuers it
 * trusts, the token service's published keys and one algorithm for service accounts' tokens, each
 * company {@link com.serviceaccounts.security.tokens.IdentityProvider}'s own keys and claim
 * mapping. The issuer, never a claim, makes the caller a person or a service account; {@link
 * com.serviceaccounts.security.tokens.AuthenticatedCallers} gives the {@link
 * com.serviceaccounts.security.tokens.CallerIdentity} of the request being served. {@link
 * com.serviceaccounts.security.tokens.BearerTokenConfiguration} makes the rules beans; what a
 * caller may do is {@code access}'s.
 */
package com.serviceaccounts.security.tokens;
