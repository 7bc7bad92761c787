package com.serviceaccounts.command.personaldata;

import com.serviceaccounts.security.personaldata.PersonalDataVault;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Contact emails are sealed with per-account keys kept in this service's database beside (never in)
 * the event store, so a key is written and destroyed in the transaction of its event.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

  @Bean
  JdbcKeyStore dataKeys(DataSource dataSource) {
    return new JdbcKeyStore(dataSource);
  }

  @Bean
  PersonalDataVault personalDataVault(JdbcKeyStore dataKeys) {
    return new PersonalDataVault(dataKeys);
  }
}
