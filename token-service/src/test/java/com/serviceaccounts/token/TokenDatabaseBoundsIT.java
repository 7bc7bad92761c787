package com.serviceaccounts.token;

import com.serviceaccounts.testsupport.StatementBounds;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** token-service's statements and its waits for an answer are bounded; its migrations are not. */
class TokenDatabaseBoundsIT extends TokenServiceIntegrationTest {

  @Autowired DataSource dataSource;
  @Autowired Flyway flyway;

  @Test
  void poolStatementsAreBoundedAndMigrationsAreNot() throws Exception {
    StatementBounds.assertPoolBoundedAndMigrationsNot(
        dataSource, flyway.getConfiguration().getDataSource());
  }

  @Test
  void aServerThatStopsAnsweringIsGivenUpOn() throws Exception {
    StatementBounds.assertPoolGivesUpOnASilentServer(dataSource);
  }
}
