package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.security.personaldata.JdbcKeyStore;
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
  PersonalDataVault personalDataVault(DataSource dataSource) {
    return new PersonalDataVault(new JdbcKeyStore(dataSource));
  }
}
