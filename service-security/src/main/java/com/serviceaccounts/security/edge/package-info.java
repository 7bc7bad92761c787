/**
 * What a service's HTTP edge refuses before a controller sees it, with a problem naming what is
 * wrong: JSON that is not strict ({@link com.serviceaccounts.security.edge.StrictJson}), an
 * oversized, encoded or non-UTF-8 body ({@link
 * com.serviceaccounts.security.edge.RequestBodyFilter}), parameters no controller takes or that are
 * too long ({@link com.serviceaccounts.security.edge.ParameterFilter}); the limits are {@link
 * com.serviceaccounts.security.edge.EdgeProperties}.
 */
package com.serviceaccounts.security.edge;
