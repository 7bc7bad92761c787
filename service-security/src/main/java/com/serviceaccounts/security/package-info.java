/**
 * What every service shares at its HTTP edge, a package per concern:
 *
 * <ul>
 *   <li>{@code tokens}: who the caller is. Bearer tokens validated against the trusted issuers, the
 *       token service's published keys and company identity providers; the caller's identity and
 *       levels they give.
 *   <li>{@code access}: what the caller may do. The resource server's filter chains and its
 *       auto-configuration, the company access policy of method security, operator access to
 *       actuator, service credentials for {@code /internal}, and the API description's security
 *       schemes.
 *   <li>{@code problems}: every refusal as an RFC 9457 problem+json, wherever it is answered
 *       (controllers, filters, Spring Security, Boot's error page, Tomcat's error valve).
 *   <li>{@code edge}: what is refused before a controller sees it: strict JSON, bounded bodies and
 *       parameters.
 *   <li>{@code personaldata}: contact emails sealed with a per-account data key (crypto-shredding).
 * </ul>
 */
package com.serviceaccounts.security;
