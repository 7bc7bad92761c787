package com.serviceaccounts.query;

import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * query-service started by a test in this JVM, for settings that the shared Spring test context
 * must not have: a database, a consumer group and topics of its own (made here, before it starts,
 * as command-service makes them), the data keys from {@link CommandServiceKeys}.
 */
final class QueryServiceOfItsOwn {

  private QueryServiceOfItsOwn() {}

  /**
   * Started on {@code database}, as consumer group {@code group}, reading {@code topic} and its
   * {@code -security} and {@code -usage} companions, with {@code settings} ({@code --name=value})
   * added.
   */
  static ConfigurableApplicationContext start(
      String database, String group, String topic, String... settings) throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    try (Admin kafka =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
      kafka
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1),
                  new NewTopic(topic + "-security", 1, (short) 1),
                  new NewTopic(topic + "-usage", 1, (short) 1)))
          .all()
          .get();
    }
    List<String> arguments = new ArrayList<>(infrastructure.springArguments(database));
    CommandServiceKeys.querySettings()
        .forEach((name, value) -> arguments.add("--" + name + "=" + value));
    arguments.add("--server.port=0");
    arguments.add("--spring.kafka.consumer.group-id=" + group);
    arguments.add("--service-accounts.events.topic=" + topic);
    arguments.add("--service-accounts.security-entries.topic=" + topic + "-security");
    arguments.add("--service-accounts.usage.topic=" + topic + "-usage");
    arguments.addAll(List.of(settings));
    ConfigurableApplicationContext service =
        new SpringApplicationBuilder(QueryServiceApplication.class)
            .run(arguments.toArray(String[]::new));
    TestAccount.sealContactEmails(CommandServiceKeys.vault()::seal);
    return service;
  }
}
