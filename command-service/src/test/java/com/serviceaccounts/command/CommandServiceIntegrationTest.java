package com.serviceaccounts.command;

import com.serviceaccounts.testsupport.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * command-service on a random port against real PostgreSQL and Kafka. All subclasses share one
 * application context; each test uses its own company and account ids.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "service-accounts.events.topic=" + CommandServiceIntegrationTest.TOPIC)
abstract class CommandServiceIntegrationTest {

  static final String TOPIC = "command-service-it-events";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "command_service");
  }
}
