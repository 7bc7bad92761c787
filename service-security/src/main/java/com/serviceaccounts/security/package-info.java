/**
 * What every service shares at its HTTP edge, by concern. This package: the resource server, that
 * is who the caller is and what it may do. Bearer tokens are validated against the trusted issuers
 * and company identity providers ({@link com.serviceaccounts.security.TrustedIssuers}, {@link
 * com.serviceaccounts.security.IdentityProvider}, {@link
 * com.serviceaccounts.security.ActorValidator}); the caller they name ({@link
 * com.serviceaccounts.security.AuthenticatedCallers}) may act in a company as {@link
 * com.serviceaccounts.security.CompanyAccess} decides, reach the operator endpoints as {@link
 * com.serviceaccounts.security.OperatorAccess} decides, or call {@code /internal} with a {@link
 * com.serviceaccounts.security.ServiceCredentials} credential. {@link
 * com.serviceaccounts.security.ResourceServerAutoConfiguration} wires it all; {@link
 * com.serviceaccounts.security.ApiDocumentationAutoConfiguration} documents the schemes.
 *
 * <ul>
 *   <li>{@code problems}: every refusal as an RFC 9457 problem+json, wherever it is answered
 *       (controllers, filters, Spring Security, Boot's error page, Tomcat's error valve).
 *   <li>{@code edge}: what is refused before a controller sees it: strict JSON, bounded bodies and
 *       parameters.
 *   <li>{@code personaldata}: contact emails sealed with a per-account data key (crypto-shredding).
 * </ul>
 */
package com.serviceaccounts.security;
