package com.serviceaccounts.security.problems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A database that cannot answer now, as every service meets it: a request is answered 503 ({@link
 * DatabaseUnavailableProblems}), and a scheduled task's failure is logged on one line ({@link
 * ScheduledTaskFailures}), never a stack trace for each while the database is away.
 */
@AutoConfiguration
public class DatabaseFaultsAutoConfiguration {

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  DatabaseUnavailableProblems databaseUnavailableProblems() {
    return new DatabaseUnavailableProblems();
  }

  @Bean
  ThreadPoolTaskSchedulerCustomizer scheduledTaskFailures() {
    return scheduler -> scheduler.setErrorHandler(new ScheduledTaskFailures());
  }
}
