/**
 * Every refusal as an RFC 9457 problem+json with a stable {@code code}: built and written by {@link
 * com.serviceaccounts.security.problems.ProblemResponses} (also outside Spring MVC), a client's
 * input echoed only escaped and cut ({@link com.serviceaccounts.security.problems.ProblemEcho}),
 * Boot's error page and Tomcat's own refusals as problems too.
 */
package com.serviceaccounts.security.problems;
