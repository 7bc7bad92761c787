package com.serviceaccounts.ui.signin;

import com.serviceaccounts.ui.UiProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The development sign-in, an add-on: only when the development issuer is on the classpath (the
 * local stack puts {@code web-ui/target/dev-sign-in} there with {@code -Dloader.path}; the product
 * jar does not hold it) and its key folder is configured. Without it the sign-in page says that
 * sign-in is not set up, and signs nobody in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.serviceaccounts.devissuer.DevTokenIssuer")
@ConditionalOnProperty("service-accounts.ui.dev-sign-in.key-directory")
class DevSignInConfiguration {

  @Bean
  UserTokens devIssuerTokens(UiProperties properties) {
    return new DevIssuerTokens(properties.devSignIn().keyDirectory());
  }
}
