package com.serviceaccounts.security.edge;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a client that sends its request body slowly, or not at all, can hold: a request thread while
 * its body is read, and no more. A body the answer did not need (a refusal: no credentials, too
 * large) is not read to its end after the answer, as Tomcat would by default to keep the
 * connection: the connection is closed instead. On Java 24 and later, with {@code
 * service-accounts.http.virtual-threads=true}, each request runs on a virtual thread (as with
 * {@code spring.threads.virtual.enabled}, for Tomcat's requests only), so that bodies trickling in
 * on hundreds of connections park hundreds of virtual threads, not the pool of 200 every other
 * client needs; from Java 24 on a virtual thread waiting inside {@code synchronized} no longer
 * holds its carrier. Off by default: on two cores the commands ran a quarter slower and their 99th
 * percentile took twice as long (BENCHMARKS.md). Without it the pool is the limit: run the services
 * behind a proxy that reads a request's body before it forwards the request (see docs/security.md).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ConfigurableTomcatWebServerFactory.class)
public class RequestThreadsAutoConfiguration {

  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> unreadBodiesNotSwallowed() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> {
              if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize(0);
              }
            });
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnJava(JavaVersion.TWENTY_FOUR)
  @ConditionalOnBooleanProperty("service-accounts.http.virtual-threads")
  static class OnVirtualThreads {

    @Bean
    TomcatVirtualThreadsWebServerFactoryCustomizer requestsOnVirtualThreads() {
      return new TomcatVirtualThreadsWebServerFactoryCustomizer();
    }
  }
}
