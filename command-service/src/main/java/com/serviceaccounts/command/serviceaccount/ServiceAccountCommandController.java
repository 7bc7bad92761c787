package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.command.caller.Caller;
import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.CreatedServiceAccount;
import com.serviceaccounts.contract.command.RotatedSecret;
import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on a company's service accounts: request → command → gateway → status. Every operation
 * needs ADMIN on the company's Admin tool, except permissions, which need ADMIN on its Directory
 * tool; reactivation and restoration need a person ({@link
 * com.serviceaccounts.security.access.CompanyAccess}). Every mutating response carries the
 * account's new version as {@code ETag}; a request with {@code If-Match} applies only to that
 * version. Every answer is JSON: a request that accepts none is refused (406) before its command
 * runs, not after.
 */
@RestController
@RequestMapping(path = "/companies/{companyId}/service-accounts", produces = "application/json")
@PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")
class ServiceAccountCommandController {

  private static final String IF_MATCH = "If-Match";

  /**
   * The bodies the commands read: JSON, under any JSON media type. Declared so that another body (a
   * form, say, which the servlet container would try to parse as parameters) is a 415 problem
   * before anything reads it.
   */
  private static final String JSON = "application/json";

  private static final String ANY_JSON = "application/*+json";
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CommandGateway commands;
  private final CreateRequests createRequests;
  private final LifecycleProperties lifecycle;
  private final Clock clock;

  ServiceAccountCommandController(
      CommandGateway commands,
      CreateRequests createRequests,
      LifecycleProperties lifecycle,
      Clock clock) {
    this.commands = commands;
    this.createRequests = createRequests;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * Creates an account and answers with its credentials. This response is the only place the client
   * secret ever appears, so it must not be cached anywhere on its way. With an {@code
   * Idempotency-Key}, a retry of the same request answers 200 with the first result (same id and
   * client id; the secret is not shown again), and the same key with another request is refused.
   */
  @PostMapping(consumes = {JSON, ANY_JSON})
  ResponseEntity<CreatedServiceAccount> create(
      @PathVariable UUID companyId,
      @RequestBody CreateServiceAccountRequest request,
      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      Caller caller) {
    if (idempotencyKey == null) {
      return create(companyId, request, caller.toMetaData());
    }
    String key = CreateRequests.validKey(idempotencyKey);
    String requestHash = CreateRequests.hash(request);
    Optional<ResponseEntity<CreatedServiceAccount>> earlier = replay(companyId, key, requestHash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return create(
          companyId,
          request,
          caller
              .toMetaData()
              .and(CreateRequests.KEY, key)
              .and(CreateRequests.REQUEST_HASH, requestHash));
    } catch (RuntimeException e) {
      // A concurrent request with the same key may have won (its account now holds the key, the
      // email and the client id): PostgreSQL raised our unique violation only after it committed.
      return replay(companyId, key, requestHash).orElseThrow(() -> e);
    }
  }

  private ResponseEntity<CreatedServiceAccount> create(
      UUID companyId, CreateServiceAccountRequest request, MetaData metaData) {
    UUID accountId = UUID.randomUUID();
    GeneratedClientCredentials credentials = GeneratedClientCredentials.generate();
    commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(
                new CreateServiceAccount(
                    accountId,
                    companyId,
                    credentials.clientId(),
                    credentials.clientSecretHash(),
                    request))
            .andMetaData(metaData));
    return ResponseEntity.created(location(companyId, accountId))
        .cacheControl(CacheControl.noStore())
        .eTag("1")
        .body(
            new CreatedServiceAccount(
                accountId, credentials.clientId(), credentials.clientSecret(), 1));
  }

  private Optional<ResponseEntity<CreatedServiceAccount>> replay(
      UUID companyId, String key, String requestHash) {
    return createRequests
        .find(companyId, key)
        .map(
            earlier -> {
              if (!earlier.requestHash().equals(requestHash)) {
                throw new InvalidServiceAccountException(
                    IDEMPOTENCY_KEY,
                    ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different request; use a new key for a"
                        + " new account");
              }
              return ResponseEntity.ok()
                  .location(location(companyId, earlier.accountId()))
                  .header("Idempotent-Replayed", "true")
                  .body(
                      new CreatedServiceAccount(earlier.accountId(), earlier.clientId(), null, 1));
            });
  }

  private static URI location(UUID companyId, UUID accountId) {
    return URI.create("/companies/" + companyId + "/service-accounts/" + accountId);
  }

  /** The seed's "Update": changes App Type and/or Name. */
  @PatchMapping(
      path = "/{id}",
      consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<AccountVersion> edit(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestBody EditServiceAccountRequest request,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    if (request.contactEmail() != null) {
      throw new InvalidServiceAccountException(
          "contactEmail",
          ProblemCode.CONTACT_EMAIL_UNCHANGEABLE,
          "contactEmail cannot be changed: the service account stops working when its contact's"
              + " email changes. Create a new service account for a different email.");
    }
    return AccountVersionAnswer.of(
        id,
        send(
            new EditServiceAccount(
                id,
                companyId,
                request.name(),
                request.appType(),
                request.marketplaceAppId(),
                IfMatch.version(ifMatch)),
            caller),
        null);
  }

  /** Sets the levels of the tools named in the body; other tools keep theirs. */
  @PreAuthorize(
      "@companyAccess.canConfigurePermissions(authentication, #companyId, #id, #permissions)")
  @PatchMapping(
      path = "/{id}/permissions",
      consumes = {JSON, ANY_JSON})
  ResponseEntity<AccountVersion> configurePermissions(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestBody Map<String, PermissionLevel> permissions,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    return AccountVersionAnswer.of(
        id,
        send(
            new ConfigureServiceAccountPermissions(
                id, companyId, permissions, IfMatch.version(ifMatch)),
            caller),
        null);
  }

  /** A new secret, shown in this response only; the previous ones stay valid for the overlap. */
  @PostMapping(
      path = "/{id}/secret-rotations",
      consumes = {JSON, ANY_JSON})
  ResponseEntity<RotatedSecret> rotateSecret(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestBody(required = false) RotateClientSecretRequest request,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    Duration overlap =
        lifecycle.secretOverlap(request == null ? null : request.previousSecretValidFor());
    GeneratedClientCredentials credentials = GeneratedClientCredentials.generate();
    SecretRotation rotation =
        send(
            new RotateClientSecret(
                id,
                companyId,
                credentials.clientSecretHash(),
                overlap,
                clock.instant(),
                IfMatch.version(ifMatch)),
            caller);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .eTag(String.valueOf(rotation.version()))
        .body(
            new RotatedSecret(
                id,
                credentials.clientSecret(),
                rotation.secretNumber(),
                rotation.previousSecretsExpireAt(),
                rotation.version()));
  }

  @PostMapping("/{id}/deactivation")
  ResponseEntity<AccountVersion> deactivate(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    return change(LifecycleTransition.DEACTIVATE, companyId, id, ifMatch, caller);
  }

  @PreAuthorize("@companyAccess.canReactivate(authentication, #companyId)")
  @PostMapping("/{id}/reactivation")
  ResponseEntity<AccountVersion> reactivate(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    return change(LifecycleTransition.REACTIVATE, companyId, id, ifMatch, caller);
  }

  /** Soft delete: the account can be restored within the configured window, then is purged. */
  @DeleteMapping("/{id}")
  ResponseEntity<AccountVersion> delete(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    return change(LifecycleTransition.DELETE, companyId, id, ifMatch, caller);
  }

  @PreAuthorize("@companyAccess.canReactivate(authentication, #companyId)")
  @PostMapping("/{id}/restoration")
  ResponseEntity<AccountVersion> restore(
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
      Caller caller) {
    return change(LifecycleTransition.RESTORE, companyId, id, ifMatch, caller);
  }

  private ResponseEntity<AccountVersion> change(
      LifecycleTransition transition, UUID companyId, UUID id, String ifMatch, Caller caller) {
    long version =
        send(
            new ChangeLifecycle(
                id,
                companyId,
                transition,
                clock.instant(),
                lifecycle.restoreWindow(),
                IfMatch.version(ifMatch)),
            caller);
    return AccountVersionAnswer.of(id, version, transition.reportedStatus());
  }

  private <R> R send(Object command, Caller caller) {
    return commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(command).andMetaData(caller.toMetaData()));
  }
}
