package com.serviceaccounts.command.serviceaccount;

import static com.serviceaccounts.events.serviceaccount.AccountStatus.ACTIVE;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.DEACTIVATED;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.DELETED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A company's OAuth 2.0 client-credentials service account. Decides whether a command is allowed
 * and which event it causes; its state is rebuilt from its events (or a snapshot, which Jackson
 * writes from the fields).
 */
@Aggregate(snapshotTriggerDefinition = "serviceAccountSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE)
class ServiceAccount {

  @AggregateIdentifier private UUID id;
  private UUID companyId;
  private String name;
  private AppType appType;
  private String marketplaceAppId;
  private Map<String, PermissionLevel> permissions = new HashMap<>();
  private int secrets;
  private AccountStatus status;
  private AccountStatus statusBeforeDeletion;
  private Instant restorableUntil;

  /** How many events the account has: its version, 1 after creation. */
  private long version;

  ServiceAccount() {
    // for Axon, which rebuilds the account from its events
  }

  @CommandHandler
  ServiceAccount(
      CreateServiceAccount command, MarketplaceCatalogue catalogue, PersonalDataVault vault) {
    CreateServiceAccountRequest request = command.request();
    AppType appType = ServiceAccountRules.appType(request.appType());
    String contactEmail = ServiceAccountRules.contactEmail(request.contactEmail());
    apply(
        new ServiceAccountCreated(
            command.accountId(),
            command.companyId(),
            command.clientId(),
            command.clientSecretHash(),
            ServiceAccountRules.name(request.name()),
            appType,
            ServiceAccountRules.marketplaceAppId(appType, request.marketplaceAppId(), catalogue),
            vault.seal(command.accountId(), contactEmail)));
  }

  /** Applies the edit if it changes anything; returns the account's version afterwards. */
  @CommandHandler
  long handle(EditServiceAccount command, MarketplaceCatalogue catalogue) {
    requireChangeable(command, "edit");
    String newName = command.name() == null ? name : ServiceAccountRules.name(command.name());
    AppType newAppType = command.appType() == null ? appType : command.appType();
    boolean keepsApp =
        command.marketplaceAppId() == null
            && newAppType == AppType.MARKETPLACE
            && appType == AppType.MARKETPLACE;
    String newApp =
        ServiceAccountRules.marketplaceAppId(
            newAppType, keepsApp ? marketplaceAppId : command.marketplaceAppId(), catalogue);
    ValueChange<String> nameChange = ValueChange.between(name, newName);
    ValueChange<AppType> appTypeChange = ValueChange.between(appType, newAppType);
    ValueChange<String> appChange = ValueChange.between(marketplaceAppId, newApp);
    if (nameChange != null || appTypeChange != null || appChange != null) {
      apply(new ServiceAccountEdited(id, companyId, nameChange, appTypeChange, appChange));
    }
    return version;
  }

  @CommandHandler
  long handle(ConfigureServiceAccountPermissions command) {
    requireChangeable(command, "configure permissions of");
    var changes = PermissionsPolicy.changes(permissions, command.permissions());
    if (!changes.isEmpty()) {
      apply(new ServiceAccountPermissionsChanged(id, companyId, changes));
    }
    return version;
  }

  @CommandHandler
  SecretRotation handle(RotateClientSecret command) {
    requireChangeable(command, "rotate the secret of");
    Instant previousExpire = command.now().plus(command.overlap());
    apply(
        new ClientSecretRotated(
            id, companyId, secrets + 1, command.clientSecretHash(), previousExpire));
    return new SecretRotation(secrets, previousExpire, version);
  }

  /** Deactivation, reactivation, deletion, restoration and purge: see their rules there. */
  @CommandHandler
  long handle(ChangeLifecycle command) {
    requireAccount(command);
    apply(
        command
            .transition()
            .decide(
                new LifecycleTransition.State(
                    id, companyId, status, statusBeforeDeletion, restorableUntil),
                command));
    return version;
  }

  private void requireAccount(AccountCommand command) {
    if (!companyId.equals(command.companyId())) {
      throw new ServiceAccountNotFoundException(command.companyId(), id);
    }
    if (command.expectedVersion() != null && command.expectedVersion() != version) {
      throw new VersionMismatchException(command.expectedVersion(), version);
    }
  }

  private void requireChangeable(AccountCommand command, String action) {
    requireAccount(command);
    if (status == DELETED) {
      throw new IllegalTransitionException(
          status, "cannot " + action + " a deleted service account; restore it first");
    }
  }

  @EventSourcingHandler
  void on(ServiceAccountCreated event) {
    id = event.accountId();
    companyId = event.companyId();
    name = event.name();
    appType = event.appType();
    marketplaceAppId = event.marketplaceAppId();
    status = ACTIVE;
    secrets = 1;
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

  @EventSourcingHandler
  void on(ServiceAccountPermissionsChanged event) {
    permissions = event.permissionsAfter(permissions);
    version++;
  }

  @EventSourcingHandler
  void on(ClientSecretRotated event) {
    secrets = event.secretNumber();
    version++;
  }

  @EventSourcingHandler
  void on(ServiceAccountDeactivated event) {
    status = DEACTIVATED;
    version++;
  }

  @EventSourcingHandler
  void on(ServiceAccountReactivated event) {
    status = ACTIVE;
    version++;
  }

  @EventSourcingHandler
  void on(ServiceAccountDeleted event) {
    statusBeforeDeletion = event.previousStatus();
    restorableUntil = event.restorableUntil();
    status = DELETED;
    version++;
  }

  @EventSourcingHandler
  void on(ServiceAccountRestored event) {
    status = event.status();
    restorableUntil = null;
    version++;
  }

  @EventSourcingHandler
  void on(ServiceAccountPurged event) {
    version++;
    markDeleted();
  }
}
