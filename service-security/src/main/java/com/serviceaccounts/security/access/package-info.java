/**
 * What a caller may do: {@link com.serviceaccounts.security.access.ResourceServerAutoConfiguration}
 * makes a service a resource server (every request needs a bearer token valid by {@code tokens}'
 * rules) and applies the policies: {@link com.serviceaccounts.security.access.CompanyAccess}, named
 * by each company-scoped operation's method security (403 for a level too low, 404 outside the
 * caller's companies), {@link com.serviceaccounts.security.access.OperatorAccess} for actuator, and
 * {@link com.serviceaccounts.security.access.ServiceCredentials} for the system's own services at
 * {@code /internal}. {@link com.serviceaccounts.security.access.ApiDocumentationAutoConfiguration}
 * puts the same schemes in the OpenAPI document.
 */
package com.serviceaccounts.security.access;
