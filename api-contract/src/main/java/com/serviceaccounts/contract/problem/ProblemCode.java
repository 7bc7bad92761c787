package com.serviceaccounts.contract.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable, machine-readable codes of the services' RFC 9457 problems. Every problem carries one
 * as its {@value #MEMBER} extension member, at the top level; each entry of a validation problem's
 * {@code errors} (a body field) or {@code invalidParams} (a request parameter) carries its own.
 * Clients decide on the code, never on the English of {@code title}, {@code detail} or {@code
 * message}, which may be reworded; a code, once published, keeps its meaning.
 */
public enum ProblemCode {

  // --- the request as a whole ------------------------------------------------------------------

  /** A body field, or several, break a rule; each entry of {@code errors} says which and why. */
  INVALID_FIELD("invalid-field"),
  /** The body names a field the endpoint does not know. */
  UNKNOWN_FIELD("unknown-field"),
  /** The body is not JSON, or is missing. */
  MALFORMED_JSON("malformed-json"),
  /** A path, query or form parameter is invalid; {@code invalidParams} names it. */
  INVALID_PARAMETER("invalid-parameter"),
  /** A body larger than the service accepts. */
  BODY_TOO_LARGE("body-too-large"),
  /** A form larger than the service accepts. */
  FORM_TOO_LARGE("form-too-large"),
  /** The URL or headers are malformed; refused before the service saw the request. */
  MALFORMED_REQUEST("malformed-request"),
  /** The request firewall refused the URL (an encoded separator or a dot segment, say). */
  REJECTED_REQUEST("rejected-request"),
  /** Refused by the protocol (a method, media type or header the endpoint does not take). */
  REQUEST_REFUSED("request-refused"),
  /** Nothing is served at this path. */
  PATH_NOT_FOUND("path-not-found"),

  // --- who asks ------------------------------------------------------------------------------

  /** No valid bearer token. */
  UNAUTHENTICATED("unauthenticated"),
  /** The caller's token grants too low a level for this. */
  FORBIDDEN("forbidden"),
  /** An operator endpoint, and the caller is not an operator. */
  NOT_AN_OPERATOR("not-an-operator"),

  // --- the account ---------------------------------------------------------------------------

  /** No such service account in this company (or one the caller may not see). */
  ACCOUNT_NOT_FOUND("account-not-found"),
  /** The account's status does not allow this (deactivating a deleted account, say). */
  ILLEGAL_TRANSITION("illegal-transition"),
  /** {@code If-Match} names a version that is no longer the current one. */
  VERSION_MISMATCH("version-mismatch"),
  /** {@code If-Match} is not a version the service could compare. */
  INVALID_IF_MATCH("invalid-if-match"),
  /** Another request changed the account at the same moment. */
  CONCURRENT_CHANGE("concurrent-change"),
  /** The change is stored; the read side does not show it yet. */
  VERSION_NOT_YET_VISIBLE("version-not-yet-visible"),

  // --- the service ---------------------------------------------------------------------------

  /** The service cannot answer now; try again later. */
  UNAVAILABLE("unavailable"),
  /** The service failed; nothing about why is revealed. */
  SERVER_ERROR("server-error"),

  // --- the audit trail -----------------------------------------------------------------------

  /** The company's stored audit chain does not verify, so no checkpoint is signed over it. */
  AUDIT_CHAIN_BROKEN("audit-chain-broken"),

  // --- operators -----------------------------------------------------------------------------

  /** No open parked record, or no dead letter, at that id or position. */
  RECORD_NOT_FOUND("record-not-found"),
  /** A parked record kept without its value: its dead letter is re-published instead. */
  RECORD_NOT_REDRIVABLE("record-not-redrivable"),
  /** A projection rebuild is running already; the problem's {@code rebuild} is its progress. */
  REBUILD_RUNNING("rebuild-running"),

  // --- fields of a service account (entries of errors) -------------------------------------

  NAME_REQUIRED("name-required"),
  NAME_TOO_LONG("name-too-long"),
  NAME_HAS_CONTROL_CHARACTERS("name-has-control-characters"),
  NAME_NOT_UNICODE("name-not-unicode"),
  APP_TYPE_REQUIRED("app-type-required"),
  MARKETPLACE_APP_ID_REQUIRED("marketplace-app-id-required"),
  /** A marketplace app given for a {@code CUSTOM} account. */
  MARKETPLACE_APP_ID_NOT_ALLOWED("marketplace-app-id-not-allowed"),
  MARKETPLACE_APP_ID_MALFORMED("marketplace-app-id-malformed"),
  MARKETPLACE_APP_UNKNOWN("marketplace-app-unknown"),
  CONTACT_EMAIL_REQUIRED("contact-email-required"),
  CONTACT_EMAIL_MALFORMED("contact-email-malformed"),
  /** An account's contact email never changes. */
  CONTACT_EMAIL_UNCHANGEABLE("contact-email-unchangeable"),
  /** Another of the company's accounts has this contact email (also a problem's own code). */
  CONTACT_EMAIL_IN_USE("contact-email-in-use"),
  PERMISSIONS_REQUIRED("permissions-required"),
  TOOL_UNKNOWN("tool-unknown"),
  PERMISSION_LEVEL_REQUIRED("permission-level-required"),
  SECRET_OVERLAP_OUT_OF_RANGE("secret-overlap-out-of-range"),
  IDEMPOTENCY_KEY_MALFORMED("idempotency-key-malformed"),
  /** The {@code Idempotency-Key} was used before, for a different request. */
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
  /** A value of the wrong type or format (a number where text belongs, an unknown enum value). */
  INVALID_VALUE("invalid-value");

  /** The name of the extension member that carries the code, in a problem and in its entries. */
  public static final String MEMBER = "code";

  private static final Map<String, ProblemCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ProblemCode::code, Function.identity()));

  private final String code;

  ProblemCode(String code) {
    this.code = code;
  }

  /** The code as it is on the wire, e.g. {@code name-required}. */
  public String code() {
    return code;
  }

  /** The code {@code code} is on the wire; empty for a code this catalogue does not hold. */
  public static Optional<ProblemCode> of(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /**
   * The code of a problem answered with {@code status} that no handler gave a code of its own
   * (Spring's answers to protocol errors, say).
   */
  public static ProblemCode forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> PATH_NOT_FOUND;
      case 413 -> BODY_TOO_LARGE;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? SERVER_ERROR : REQUEST_REFUSED;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
