package com.serviceaccounts.query.audit;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.contract.query.AuditPage;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.query.consistency.ReadYourWrites;
import com.serviceaccounts.query.personaldata.ContactEmails;
import com.serviceaccounts.query.web.AccountNotFoundException;
import com.serviceaccounts.query.web.CutStreams;
import com.serviceaccounts.query.web.InvalidParametersException;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A company's audit trail for auditors: pages of it (company-wide or one account's), its
 * verification, and its export. All of it needs ADMIN on the company's Admin tool.
 */
@ReadAgainOnAnEndedConnection
@RestController
// The audit trail is for the company's admins; READ_ONLY callers see listings only.
@PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")
class AuditQueryController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private static final Set<String> TYPES =
      Arrays.stream(EventType.values())
          .map(EventType::shortName)
          .collect(Collectors.toCollection(LinkedHashSet::new));

  private final AuditTrailRepository entries;
  private final AuditChainVerifier verifier;
  private final AuditExport export;
  private final ContactEmails contactEmails;
  private final ReadYourWrites readYourWrites;

  AuditQueryController(
      AuditTrailRepository entries,
      AuditChainVerifier verifier,
      AuditExport export,
      ContactEmails contactEmails,
      ReadYourWrites readYourWrites) {
    this.readYourWrites = readYourWrites;
    this.entries = entries;
    this.verifier = verifier;
    this.export = export;
    this.contactEmails = contactEmails;
  }

  /**
   * The company's entries, newest first.
   *
   * @param type event types (short names), repeatable or comma-separated; any when absent
   * @param cursor the {@code nextCursor} of the previous page
   * @param count whether to count all matching entries ({@code totalItems})
   */
  @GetMapping(path = "/companies/{companyId}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditPage companyTrail(
      @PathVariable UUID companyId,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) List<String> type,
      @RequestParam(required = false) UUID accountId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
      @RequestParam(defaultValue = "false") boolean count) {
    return page(
        query(companyId, accountId, actor, type, from, to),
        AuditCursor.companySequenceBelow(cursor),
        limit,
        count);
  }

  /** One account's entries, newest first; its trail stays after the account is purged. */
  @GetMapping(
      path = "/companies/{companyId}/service-accounts/{id}/audit",
      produces = MediaType.APPLICATION_JSON_VALUE)
  AuditPage accountTrail(
      Authentication caller,
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) List<String> type,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
      @RequestParam(defaultValue = "false") boolean count,
      @RequestParam(required = false) @Min(1) Long minVersion) {
    AuditQuery query = query(companyId, id, actor, type, from, to);
    // Every parameter is read before the read waits: a bad one is refused at once.
    Long below = AuditCursor.companySequenceBelow(cursor);
    readYourWrites.await(caller, companyId, id, minVersion);
    // Every account's trail starts with its creation, so no entry at all means "not in this
    // company".
    if (!entries.hasEntries(companyId, id)) {
      throw new AccountNotFoundException(companyId, id);
    }
    return page(query, below, limit, count);
  }

  /** Walks the company's hash chain, or the part of it in a time range. */
  @GetMapping(
      path = "/companies/{companyId}/audit/verify",
      produces = MediaType.APPLICATION_JSON_VALUE)
  AuditVerification verify(
      @PathVariable UUID companyId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    query(companyId, null, null, null, from, to);
    return verifier.verify(companyId, from, to);
  }

  /**
   * Every entry in the time range, oldest first, streamed as CSV or NDJSON. The trail's filters are
   * refused, not ignored, as every parameter an endpoint does not take is ({@code
   * TakenParameters}): an export is the company's whole chain in the range, which an auditor
   * verifies link by link, and one with entries left out could not be.
   */
  @GetMapping("/companies/{companyId}/audit/export")
  ResponseEntity<StreamingResponseBody> export(
      @PathVariable UUID companyId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "csv") String format,
      HttpServletResponse response) {
    AuditQuery query = query(companyId, null, null, null, from, to);
    AuditExport.Format chosen = format(format);
    return ResponseEntity.ok()
        .contentType(chosen.mediaType)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("audit-" + companyId + "." + chosen.extension())
                .build()
                .toString())
        .body(
            CutStreams.closingOnFailure(
                response,
                "audit export of company " + companyId,
                out -> export.write(query, chosen, out)));
  }

  private AuditPage page(AuditQuery query, Long below, int limit, boolean count) {
    List<AuditEntry> found = entries.newestFirst(query, below, limit + 1);
    List<AuditEntry> items = found.size() > limit ? found.subList(0, limit) : found;
    String next = found.size() > limit ? AuditCursor.after(items.get(limit - 1)) : null;
    return new AuditPage(withContactEmailsOpened(items), next, count ? entries.count(query) : null);
  }

  /** The entries with their sealed contact emails opened, with one look-up of keys. */
  private List<AuditEntry> withContactEmailsOpened(List<AuditEntry> items) {
    Map<UUID, String> sealed = new HashMap<>();
    items.forEach(
        entry ->
            AuditChanges.sealedContactEmail(entry.changes())
                .ifPresent(email -> sealed.put(entry.accountId(), email)));
    if (sealed.isEmpty()) {
      return items;
    }
    Map<UUID, String> opened = contactEmails.openAll(sealed);
    return items.stream()
        .map(
            entry ->
                entry.withChanges(
                    AuditChanges.withContactEmailOpened(
                        entry.changes(), Optional.ofNullable(opened.get(entry.accountId())))))
        .toList();
  }

  /**
   * The query the parameters ask for.
   *
   * @throws InvalidParametersException naming each parameter with a value it cannot have
   */
  private static AuditQuery query(
      UUID companyId, UUID accountId, String actor, List<String> type, Instant from, Instant to) {
    Map<String, String> invalid = new LinkedHashMap<>();
    Set<String> types = new LinkedHashSet<>();
    if (type != null) {
      for (String value : type) {
        for (String name : value.split(",")) {
          String stripped = name.strip();
          if (stripped.isEmpty()) {
            continue;
          }
          if (!TYPES.contains(stripped)) {
            invalid.put(
                "type",
                "must be one of "
                    + String.join(", ", TYPES)
                    + ", was '"
                    + abbreviate(stripped)
                    + "'");
          }
          types.add(stripped);
        }
      }
    }
    if (from != null && to != null && !from.isBefore(to)) {
      invalid.put("to", "must be after from (" + from + "), was " + to);
    }
    if (!invalid.isEmpty()) {
      throw new InvalidParametersException(invalid);
    }
    return new AuditQuery(
        companyId, accountId, actor == null || actor.isBlank() ? null : actor, types, from, to);
  }

  private static AuditExport.Format format(String format) {
    try {
      return AuditExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidParametersException(
          Map.of("format", "must be csv or ndjson, was '" + abbreviate(format) + "'"));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
