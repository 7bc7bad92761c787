package com.serviceaccounts.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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

  @Bean
  OpenApiCustomizer bearerJwtSecurity() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents().addSecuritySchemes(BEARER_JWT, bearerJwt());
      openApi.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    };
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
