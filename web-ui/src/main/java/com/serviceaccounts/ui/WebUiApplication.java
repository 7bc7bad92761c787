package com.serviceaccounts.ui;

import com.serviceaccounts.security.edge.StrictParameters;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The Company Admin web UI for service accounts. Its parameters are read as strictly as the APIs'
 * ({@link StrictParameters}: {@code page=0x1} is no page number).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(StrictParameters.class)
public class WebUiApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebUiApplication.class, args);
  }
}
