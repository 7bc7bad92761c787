package com.serviceaccounts.command.caller;

/**
 * Who sends a command and which request it belongs to. Controllers take it as a parameter; how it
 * is established (today the {@code X-Actor} header) is {@link CallerArgumentResolver}'s business
 * alone, so authentication can replace it in one place.
 *
 * @param actor who is acting, as recorded in every event
 * @param correlationId the request's correlation id, shared by all events it causes
 */
public record Caller(String actor, String correlationId) {}
