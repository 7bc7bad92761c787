package com.serviceaccounts.query.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the data keys that seal contact emails live: command-service's database (table {@code
 * personal_data_key}). This service only reads them; in production give it a role that may SELECT
 * that one table and nothing else.
 *
 * @param url JDBC URL of command-service's database
 * @param username a role that may read {@code personal_data_key}
 * @param password its password
 */
@ConfigurationProperties("service-accounts.key-vault")
public record KeyVaultProperties(String url, String username, String password) {}
