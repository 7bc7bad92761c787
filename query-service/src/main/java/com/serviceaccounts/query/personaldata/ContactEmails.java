package com.serviceaccounts.query.personaldata;

import com.serviceaccounts.query.commandservice.CommandServiceApi;
import com.serviceaccounts.security.personaldata.KeyLookup;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Opens the sealed contact emails that projections store, at the moment they are read, with the
 * data keys command-service hands out ({@link CommandServiceApi#dataKeys}). Projections and the
 * audit trail keep only the sealed text, and no key is kept here: once command-service destroys an
 * account's key (when the account is purged) every stored copy reads as erased, with nothing to
 * rewrite.
 */
@Component
public class ContactEmails {

  private final KeyLookup keys;

  ContactEmails(CommandServiceApi commandService) {
    this.keys =
        new KeyLookup() {
          @Override
          public Optional<byte[]> find(UUID accountId) {
            return Optional.ofNullable(findAll(List.of(accountId)).get(accountId));
          }

          @Override
          public Map<UUID, byte[]> findAll(Collection<UUID> accountIds) {
            return commandService.dataKeys(accountIds);
          }
        };
  }

  /** The email of one account, or empty once its key is destroyed. */
  public Optional<String> open(UUID accountId, String sealed) {
    return openAll(Map.of(accountId, sealed)).values().stream().findFirst();
  }

  /** Account id → email, with one look-up of keys, for the accounts whose key still exists. */
  public Map<UUID, String> openAll(Map<UUID, String> sealedByAccount) {
    Map<UUID, String> sealed = new HashMap<>(sealedByAccount);
    sealed.values().removeIf(text -> text == null);
    return sealed.isEmpty() ? Map.of() : PersonalDataVault.openAll(keys, sealed);
  }
}
