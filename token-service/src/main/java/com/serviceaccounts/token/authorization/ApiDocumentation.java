package com.serviceaccounts.token.authorization;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.configuration.SpringDocSecurityOAuth2Customizer;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document of the endpoints this service offers. They are Spring Authorization Server's
 * filters, not controllers: springdoc's {@link SpringDocSecurityOAuth2Customizer} describes every
 * endpoint filter it finds, and this keeps those a service account uses — token, JWKS, metadata,
 * introspection, revocation — dropping the authorization endpoint (no grant here uses it) and the
 * metadata variant for several issuers (one issuer here). The endpoints that take client
 * authentication say so ({@value #CLIENT_SECRET_BASIC}; {@code client_secret_post} works too).
 *
 * <p>springdoc's own switch ({@code springdoc.show-oauth2-endpoints}) stays off: this runs it, so
 * that the trimming surely comes after it.
 */
@Component
class ApiDocumentation implements GlobalOpenApiCustomizer, ApplicationContextAware {

  static final String CLIENT_SECRET_BASIC = "client-secret-basic";

  /** Fixed by RFC 8414 §3 (not a setting). */
  static final String METADATA_ENDPOINT = "/.well-known/oauth-authorization-server";

  private final SpringDocSecurityOAuth2Customizer authorizationServerEndpoints =
      new SpringDocSecurityOAuth2Customizer();
  private final AuthorizationServerSettings settings;

  ApiDocumentation(AuthorizationServerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void setApplicationContext(ApplicationContext context) throws BeansException {
    authorizationServerEndpoints.setApplicationContext(context);
  }

  @Override
  public void customise(OpenAPI openApi) {
    authorizationServerEndpoints.customise(openApi);
    List<String> offered =
        List.of(
            settings.getTokenEndpoint(),
            settings.getJwkSetEndpoint(),
            METADATA_ENDPOINT,
            settings.getTokenIntrospectionEndpoint(),
            settings.getTokenRevocationEndpoint());
    openApi.getPaths().keySet().retainAll(offered);

    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi
        .getComponents()
        .addSecuritySchemes(
            CLIENT_SECRET_BASIC,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description(
                    "The service account's client id and client secret (client_secret_basic);"
                        + " client_id and client_secret in the form body work too"
                        + " (client_secret_post)."));
    for (String endpoint :
        List.of(
            settings.getTokenEndpoint(),
            settings.getTokenIntrospectionEndpoint(),
            settings.getTokenRevocationEndpoint())) {
      PathItem path = openApi.getPaths().get(endpoint);
      if (path != null && path.getPost() != null) {
        path.getPost().addSecurityItem(new SecurityRequirement().addList(CLIENT_SECRET_BASIC));
      }
    }
    PathItem introspection = openApi.getPaths().get(settings.getTokenIntrospectionEndpoint());
    if (introspection != null && introspection.getPost() != null) {
      introspection
          .getPost()
          .description(
              "Tells a client about its own tokens; about another client's token the answer is"
                  + " {\"active\": false}, unless the client is one of"
                  + " service-accounts.token.introspectors.");
    }
  }
}
