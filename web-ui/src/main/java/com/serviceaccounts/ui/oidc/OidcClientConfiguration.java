package com.serviceaccounts.ui.oidc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

@Configuration(proxyBeanMethods = false)
class OidcClientConfiguration {

  /**
   * The person's tokens live in their session, so they end with it (sign-out, idle timeout); Spring
   * Boot's default would keep them in memory by user name beyond the session.
   */
  @Bean
  OAuth2AuthorizedClientRepository authorizedClientRepository() {
    return new HttpSessionOAuth2AuthorizedClientRepository();
  }
}
