package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.testsupport.OpenApiContract;
import com.serviceaccounts.testsupport.OpenApiContract.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The published API description is what token-service serves; see {@link OpenApiContract}. Its
 * endpoints are Spring Authorization Server's filters, so they are named here, from the settings
 * the filters are built with.
 */
class OpenApiIT extends TokenServiceIntegrationTest {

  @Autowired ApplicationContext context;
  @Autowired AuthorizationServerSettings settings;

  @Test
  void theOpenApiDocumentDescribesExactlyTheServedEndpoints() {
    JsonNode document =
        OpenApiContract.of("token-service", context)
            .servedOutsideSpringMvc(
                List.of(
                    new Endpoint("POST", settings.getTokenEndpoint()),
                    new Endpoint("GET", settings.getJwkSetEndpoint()),
                    new Endpoint("GET", "/.well-known/oauth-authorization-server"), // RFC 8414
                    new Endpoint("POST", settings.getTokenIntrospectionEndpoint()),
                    new Endpoint("POST", settings.getTokenRevocationEndpoint())))
            .requiresSecurityScheme("client-secret-basic")
            .verify();

    assertThat(document.at("/paths/~1oauth2~1token/post/security/0").has("client-secret-basic"))
        .isTrue();
  }
}
