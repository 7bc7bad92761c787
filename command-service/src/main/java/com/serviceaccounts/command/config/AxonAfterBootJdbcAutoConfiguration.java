package com.serviceaccounts.command.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Puts Axon's JDBC and transaction auto-configurations after Spring Boot 4's DataSource and
 * transaction-manager ones. Axon 4.13 orders itself against Boot 3's class names, so without this
 * it sees neither the DataSource (no JDBC event store: start-up fails) nor the transaction manager
 * (Axon silently runs without transactions). Empty on purpose: it exists only for its ordering.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    },
    beforeName = {
      "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
      "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
      "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration"
    })
public class AxonAfterBootJdbcAutoConfiguration {}
