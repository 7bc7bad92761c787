package com.serviceaccounts.token;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The token service: an OAuth 2.0 authorization server (client-credentials grant) whose clients are
 * the service accounts, read from a credentials store that the service-account events keep up to
 * date.
 */
@SpringBootApplication
@EnableResilientMethods
@ConfigurationPropertiesScan
@EnableScheduling
public class TokenServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TokenServiceApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
