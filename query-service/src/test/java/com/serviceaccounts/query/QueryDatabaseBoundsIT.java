package com.serviceaccounts.query;

import com.serviceaccounts.testsupport.StatementBounds;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** query-service's statements are bounded; its migrations are not. */
class QueryDatabaseBoundsIT extends QueryServiceIntegrationTest {

  @Autowired Flyway flyway;

  @Test
  void poolStatementsAreBoundedAndMigrationsAreNot() throws Exception {
    StatementBounds.assertPoolBoundedAndMigrationsNot(
        dataSource, flyway.getConfiguration().getDataSource());
  }
}
