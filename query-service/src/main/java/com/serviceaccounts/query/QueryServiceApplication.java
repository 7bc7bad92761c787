package com.serviceaccounts.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.resilience.annotation.EnableResilientMethods;

/**
 * The query side: consumes service-account events from Kafka into PostgreSQL projections (listing,
 * audit trail) and serves them over HTTP. It never calls the command side.
 */
@SpringBootApplication
@EnableResilientMethods
@ConfigurationPropertiesScan
public class QueryServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(QueryServiceApplication.class, args);
  }
}
