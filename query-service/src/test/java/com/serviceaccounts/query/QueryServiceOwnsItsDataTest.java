package com.serviceaccounts.query;

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
class QueryServiceOwnsItsDataTest {

  @Test
  void noSqlNamesAnotherServicesTables() {
    Path self = Path.of(".");
    Set<String> others =
        new TreeSet<>(ServiceTables.createdBy(ServiceTables.module("command-service")));
    others.addAll(ServiceTables.createdBy(ServiceTables.module("token-service")));
    others.removeAll(ServiceTables.createdBy(self));

    assertThat(others)
        .as("the other services' tables")
        .contains("domainevententry", "personal_data_key");
    assertThat(ServiceTables.sqlReferences(self, others)).isEmpty();
  }
}
