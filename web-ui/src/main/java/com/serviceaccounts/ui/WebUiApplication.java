package com.serviceaccounts.ui;

import com.serviceaccounts.security.edge.StrictParameters;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The Company Admin web UI for service accounts. Its parameters are read as strictly as the APIs'
 * ({@link StrictParameters}: {@code page=0x1} is no page number), and then more strictly still
 * ({@code errors.UiParameters}: {@code page=-1} is none either).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebUiApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebUiApplication.class, args);
  }

  /** First of the advice that registers editors: the UI's own build on its editors. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static StrictParameters strictParameters() {
    return new StrictParameters();
  }
}
