package com.serviceaccounts.token;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the database connections the event listener's consumer thread takes: each transaction
 * takes one, and so does each statement run outside a transaction. The pool's own metrics count
 * every thread's, the tests' queries among them.
 */
class ListenerConnections implements BeanPostProcessor {

  private static final String CONSUMER_THREAD = "client-credentials-";

  private final AtomicLong taken = new AtomicLong();

  long taken() {
    return taken.get();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource dataSource)) {
      return bean;
    }
    return new DelegatingDataSource(dataSource) {
      @Override
      public Connection getConnection() throws SQLException {
        count();
        return super.getConnection();
      }

      @Override
      public Connection getConnection(String username, String password) throws SQLException {
        count();
        return super.getConnection(username, password);
      }
    };
  }

  private void count() {
    if (Thread.currentThread().getName().startsWith(CONSUMER_THREAD)) {
      taken.incrementAndGet();
    }
  }
}
