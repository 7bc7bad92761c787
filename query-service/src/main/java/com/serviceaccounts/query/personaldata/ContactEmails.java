package com.serviceaccounts.query.personaldata;

import com.serviceaccounts.security.personaldata.JdbcKeyStore;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Opens the sealed contact emails that projections store, at the moment they are read. Projections
 * and the audit trail keep only the sealed text; once command-service destroys an account's key
 * (when the account is purged) every stored copy reads as erased, with nothing to rewrite.
 */
@Component
public class ContactEmails implements DisposableBean {

  private final HikariDataSource keyVault;
  private final PersonalDataVault vault;

  ContactEmails(KeyVaultProperties properties) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("key-vault");
    config.setJdbcUrl(properties.url());
    config.setUsername(properties.username());
    config.setPassword(properties.password());
    config.setReadOnly(true);
    config.setMaximumPoolSize(4);
    // The pool connects on first use: the service starts, and serves everything but emails, while
    // the key vault's database is down.
    config.setInitializationFailTimeout(-1);
    this.keyVault = new HikariDataSource(config);
    this.vault = new PersonalDataVault(new JdbcKeyStore(keyVault));
  }

  /** The email of one account, or empty once its key is destroyed. */
  public Optional<String> open(UUID accountId, String sealed) {
    return openAll(Map.of(accountId, sealed)).values().stream().findFirst();
  }

  /** Account id → email, with one look-up of keys, for the accounts whose key still exists. */
  public Map<UUID, String> openAll(Map<UUID, String> sealedByAccount) {
    Map<UUID, String> sealed = new HashMap<>(sealedByAccount);
    sealed.values().removeIf(text -> text == null);
    return sealed.isEmpty() ? Map.of() : vault.openAll(sealed);
  }

  @Override
  public void destroy() {
    keyVault.close();
  }
}
