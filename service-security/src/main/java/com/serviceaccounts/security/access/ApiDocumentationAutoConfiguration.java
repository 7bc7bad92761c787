package com.serviceaccounts.security.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * When a resource server serves an OpenAPI document (springdoc on the class path), the document
 * says how every operation authenticates: the {@value #BEARER_JWT} scheme, an RS256 JWT in {@code
 * Authorization: Bearer}. The document and Swagger UI themselves are open (see {@link
 * ResourceServerAutoConfiguration}).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentationAutoConfiguration {

  /** The name of the security scheme in the document's components. */
  public static final String BEARER_JWT = "bearer-jwt";

  /** The scheme of {@link ServiceCredentials#PATHS}: HTTP Basic with a service credential. */
  private static final String SERVICE_CREDENTIAL = "service-credential";

  @Bean
  OpenApiCustomizer bearerJwtSecurity() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents().addSecuritySchemes(BEARER_JWT, bearerJwt());
      openApi.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
      if (openApi.getPaths() != null) {
        String internal = ServiceCredentials.PATHS.replace("/**", "/");
        openApi.getPaths().entrySet().stream()
            .filter(path -> path.getKey().startsWith(internal))
            .flatMap(path -> path.getValue().readOperations().stream())
            .forEach(
                operation -> {
                  openApi
                      .getComponents()
                      .addSecuritySchemes(SERVICE_CREDENTIAL, serviceCredential());
                  operation.setSecurity(
                      List.of(new SecurityRequirement().addList(SERVICE_CREDENTIAL)));
                });
      }
    };
  }

  private static SecurityScheme serviceCredential() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("basic")
        .description(
            "A credential of one of the system's own services (its name and secret); company"
                + " callers' tokens are not accepted here.");
  }

  private static SecurityScheme bearerJwt() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            "An RS256 JWT whose `companies` claim gives the caller's level per company and tool;"
                + " `sub` is recorded as the actor of every event it causes.");
  }
}
