package com.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.ServiceTables;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No SQL of this service names another service's table: it reads their data through their APIs only
 * (and PostgreSQL would refuse it anyway: its role reaches its own database alone).
 */
class CommandServiceOwnsItsDataTest {

  @Test
  void noSqlNamesAnotherServicesTables() {
    Path self = Path.of(".");
    Set<String> others =
        new TreeSet<>(ServiceTables.createdBy(ServiceTables.module("query-service")));
    others.addAll(ServiceTables.createdBy(ServiceTables.module("token-service")));
    others.removeAll(ServiceTables.createdBy(self));

    assertThat(others).as("the other services' tables").contains("audit_entry", "service_account");
    assertThat(ServiceTables.sqlReferences(self, others)).isEmpty();
  }
}
