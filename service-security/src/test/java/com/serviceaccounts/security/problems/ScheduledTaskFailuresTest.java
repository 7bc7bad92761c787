package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A scheduled task that meets a database away logs one line a run, not a stack trace (once, the
 * audit checkpoints' round logged 65 lines at error in every outage).
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskFailuresTest {

  static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TaskSchedulingAutoConfiguration.class, DatabaseFaultsAutoConfiguration.class))
          .withUserConfiguration(FailingTask.class);

  @Test
  void aDatabaseAwayIsOneLineARun(CapturedOutput output) {
    FAILURE.set(
        new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection",
            new SQLException(
                "FATAL: too many connections for database \"query_service\"\n\tat a.b(c)",
                "53300")));

    context.run(
        running ->
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> output.getOut().contains("scheduled task waits for the database")));

    assertThat(output.getOut().lines().filter(line -> line.contains("waits for the database")))
        .allMatch(line -> line.contains("FATAL: too many connections"));
    assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain(" ERROR ");
  }

  @Test
  void anythingElseIsLoggedWhole(CapturedOutput output) {
    FAILURE.set(new IllegalStateException("the round's own mistake"));

    context.run(
        running ->
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> output.getOut().contains("scheduled task failed")));

    assertThat(output.getOut()).contains("IllegalStateException: the round's own mistake", "\tat ");
  }

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  static class FailingTask {

    @Bean
    Task task() {
      return new Task();
    }
  }

  static class Task {

    @Scheduled(fixedDelay = 50)
    void run() {
      throw FAILURE.get();
    }
  }
}
