package com.serviceaccounts.command;

import com.serviceaccounts.security.ApiDocumentationAutoConfiguration;
import com.serviceaccounts.testsupport.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The published API description is what command-service serves; see {@link OpenApiContract}. */
class OpenApiIT extends CommandServiceIntegrationTest {

  @Autowired ApplicationContext context;

  @Test
  void theOpenApiDocumentDescribesExactlyTheServedEndpoints() {
    OpenApiContract.of("command-service", context)
        .requiresSecurityScheme(ApiDocumentationAutoConfiguration.BEARER_JWT)
        .verify();
  }
}
