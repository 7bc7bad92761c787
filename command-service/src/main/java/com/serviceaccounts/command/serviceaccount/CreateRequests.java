package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.command.IdempotencyKey;
import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.Sha256;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers each create sent with an {@code Idempotency-Key}, per company, with a hash of its
 * request. The row is written by a subscribing handler of the creation event, in the transaction
 * that stores the event, so a key can never name two accounts, even under concurrent retries.
 */
@Component
@ProcessingGroup(ServiceAccountLookup.PROCESSING_GROUP)
class CreateRequests {

  static final String KEY = "idempotencyKey";
  static final String REQUEST_HASH = "requestHash";

  private final JdbcClient jdbc;

  CreateRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An earlier create with this key in this company. */
  Optional<CreateRequest> find(UUID companyId, String key) {
    return jdbc.sql(
            "SELECT request_hash, account_id, client_id FROM create_request"
                + " WHERE company_id = :company AND idempotency_key = :key")
        .param("company", companyId)
        .param("key", key)
        .query(
            (row, i) ->
                new CreateRequest(row.getString(1), row.getObject(2, UUID.class), row.getString(3)))
        .optional();
  }

  /**
   * Records the create under its key. The key and the request's hash are metadata of the create
   * command, read from the unit of work that handles it: they are not copied onto the event, so the
   * event store keeps no fingerprint of the request (which covers the contact email).
   */
  @EventHandler
  void on(ServiceAccountCreated event) {
    MetaData command = CurrentUnitOfWork.get().root().getMessage().getMetaData();
    String key = (String) command.get(KEY);
    String requestHash = (String) command.get(REQUEST_HASH);
    if (key == null) {
      return;
    }
    try {
      jdbc.sql(
              """
              INSERT INTO create_request
                (company_id, idempotency_key, request_hash, account_id, client_id)
              VALUES (:company, :key, :hash, :account, :clientId)
              """)
          .param("company", event.companyId())
          .param("key", key)
          .param("hash", requestHash)
          .param("account", event.accountId())
          .param("clientId", event.clientId())
          .update();
    } catch (DuplicateKeyException e) {
      throw new IdempotencyKeyRaceException();
    }
  }

  /** A purged account's create is forgotten with it. */
  @EventHandler
  void on(ServiceAccountPurged event) {
    jdbc.sql("DELETE FROM create_request WHERE account_id = :account")
        .param("account", event.accountId())
        .update();
  }

  /** The key, checked: 1 to 200 visible ASCII characters. */
  static String validKey(String key) {
    if (!IdempotencyKey.isValid(key)) {
      throw new InvalidServiceAccountException(
          "Idempotency-Key",
          ProblemCode.IDEMPOTENCY_KEY_MALFORMED,
          "Idempotency-Key " + IdempotencyKey.RULE);
    }
    return key;
  }

  /** A fingerprint of what a create asks for, to tell a retry from a different request. */
  static String hash(CreateServiceAccountRequest request) {
    String canonical =
        String.join(
            "\u0000",
            Stream.of(
                    request.name(),
                    String.valueOf(request.appType()),
                    request.marketplaceAppId(),
                    request.contactEmail())
                .map(value -> value == null ? "\u0001" : value)
                .toList());
    return Sha256.hex(canonical);
  }

  record CreateRequest(String requestHash, UUID accountId, String clientId) {}

  /** Another request with the same key won the race; the caller answers with its result. */
  static class IdempotencyKeyRaceException extends RuntimeException {
    IdempotencyKeyRaceException() {
      super("a concurrent request with the same Idempotency-Key created the account");
    }
  }
}
