package com.serviceaccounts.query;

import com.serviceaccounts.security.access.ApiDocumentationAutoConfiguration;
import com.serviceaccounts.testsupport.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The published API description is what query-service serves; see {@link OpenApiContract}. */
class OpenApiIT extends QueryServiceIntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void theOpenApiDocumentDescribesExactlyTheServedEndpoints() {
    OpenApiContract.of("query-service", context)
        .requiresSecurityScheme(ApiDocumentationAutoConfiguration.BEARER_JWT)
        .verify();
  }
}
