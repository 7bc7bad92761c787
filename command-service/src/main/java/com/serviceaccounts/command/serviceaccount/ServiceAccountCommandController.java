package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.command.caller.Caller;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Commands on a company's service accounts: request → command → gateway → status. */
@RestController
@RequestMapping("/companies/{companyId}/service-accounts")
class ServiceAccountCommandController {

  private final CommandGateway commands;

  ServiceAccountCommandController(CommandGateway commands) {
    this.commands = commands;
  }

  /**
   * Creates an account and answers with its credentials. This response is the only place the client
   * secret ever appears, so it must not be cached anywhere on its way.
   */
  @PostMapping
  ResponseEntity<CreatedServiceAccount> create(
      @PathVariable UUID companyId,
      @RequestBody CreateServiceAccountRequest request,
      Caller caller) {
    UUID accountId = UUID.randomUUID();
    ClientCredentials credentials = ClientCredentials.generate();
    send(
        new CreateServiceAccount(
            accountId,
            companyId,
            credentials.clientId(),
            credentials.clientSecretHash(),
            request.name(),
            request.appType(),
            request.marketplaceAppId(),
            request.contactEmail()),
        caller);
    return ResponseEntity.created(
            URI.create("/companies/" + companyId + "/service-accounts/" + accountId))
        .cacheControl(CacheControl.noStore())
        .eTag(version(1))
        .body(
            new CreatedServiceAccount(
                accountId, credentials.clientId(), credentials.clientSecret(), 1));
  }

  /** The seed's "Update": changes App Type and/or Name. */
  @PatchMapping(
      path = "/{id}",
      consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<EditedServiceAccount> edit(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestBody EditServiceAccountRequest request,
      Caller caller) {
    if (request.contactEmail() != null) {
      throw new InvalidServiceAccountException(
          "contactEmail",
          "contactEmail cannot be changed: the service account stops working when its contact's"
              + " email changes. Create a new service account for a different email.");
    }
    long version =
        send(
            new EditServiceAccount(
                id, companyId, request.name(), request.appType(), request.marketplaceAppId()),
            caller);
    return ResponseEntity.ok().eTag(version(version)).body(new EditedServiceAccount(id, version));
  }

  private <R> R send(Object command, Caller caller) {
    return commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(command).andMetaData(caller.toMetaData()));
  }

  private static String version(long version) {
    return "\"" + version + "\"";
  }

  /** The answer to a create: the only time {@code clientSecret} is shown. */
  record CreatedServiceAccount(UUID id, String clientId, String clientSecret, long version) {

    @Override
    public String toString() {
      return "CreatedServiceAccount[id="
          + id
          + ", clientId="
          + clientId
          + ", clientSecret=<redacted>, version="
          + version
          + "]";
    }
  }

  record EditedServiceAccount(UUID id, long version) {}
}
