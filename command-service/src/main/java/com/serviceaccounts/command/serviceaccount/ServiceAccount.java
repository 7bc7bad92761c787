package com.serviceaccounts.command.serviceaccount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A company's OAuth 2.0 client-credentials service account. Decides whether a command is allowed
 * and which event it causes; its state is rebuilt from its events.
 */
@Aggregate
class ServiceAccount {

  @AggregateIdentifier private UUID id;
  private UUID companyId;
  private String name;
  private AppType appType;
  private String marketplaceAppId;

  /** How many events the account has: its version, 1 after creation. */
  private long version;

  ServiceAccount() {
    // for Axon, which rebuilds the account from its events
  }

  @CommandHandler
  ServiceAccount(CreateServiceAccount command) {
    AppType appType = ServiceAccountRules.appType(command.appType());
    apply(
        new ServiceAccountCreated(
            command.accountId(),
            command.companyId(),
            command.clientId(),
            command.clientSecretHash(),
            ServiceAccountRules.name(command.name()),
            appType,
            ServiceAccountRules.marketplaceAppId(appType, command.marketplaceAppId()),
            ServiceAccountRules.contactEmail(command.contactEmail())));
  }

  /** Applies the edit if it changes anything; returns the account's version afterwards. */
  @CommandHandler
  long handle(EditServiceAccount command) {
    requireCompany(command.companyId());
    String newName = command.name() == null ? name : ServiceAccountRules.name(command.name());
    AppType newAppType = command.appType() == null ? appType : command.appType();
    String newMarketplaceAppId = marketplaceAppIdAfter(command, newAppType);
    ValueChange<String> nameChange = ValueChange.between(name, newName);
    ValueChange<AppType> appTypeChange = ValueChange.between(appType, newAppType);
    ValueChange<String> appChange = ValueChange.between(marketplaceAppId, newMarketplaceAppId);
    if (nameChange != null || appTypeChange != null || appChange != null) {
      apply(new ServiceAccountEdited(id, companyId, nameChange, appTypeChange, appChange));
    }
    return version;
  }

  private String marketplaceAppIdAfter(EditServiceAccount command, AppType newAppType) {
    boolean keepsApp =
        command.marketplaceAppId() == null
            && newAppType == AppType.MARKETPLACE
            && appType == AppType.MARKETPLACE;
    return ServiceAccountRules.marketplaceAppId(
        newAppType, keepsApp ? marketplaceAppId : command.marketplaceAppId());
  }

  private void requireCompany(UUID requestedCompany) {
    if (!companyId.equals(requestedCompany)) {
      throw new ServiceAccountNotFoundException(requestedCompany, id);
    }
  }

  @EventSourcingHandler
  void on(ServiceAccountCreated event) {
    id = event.accountId();
    companyId = event.companyId();
    name = event.name();
    appType = event.appType();
    marketplaceAppId = event.marketplaceAppId();
    version = 1;
  }

  @EventSourcingHandler
  void on(ServiceAccountEdited event) {
    if (event.name() != null) {
      name = event.name().after();
    }
    if (event.appType() != null) {
      appType = event.appType().after();
    }
    if (event.marketplaceAppId() != null) {
      marketplaceAppId = event.marketplaceAppId().after();
    }
    version++;
  }
}
