package com.serviceaccounts.query.listing;

import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.query.consistency.ReadYourWrites;
import com.serviceaccounts.query.web.AccountNotFoundException;
import com.serviceaccounts.query.web.InvalidParametersException;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A company's service accounts, as the listing projection holds them. */
@ReadAgainOnAnEndedConnection
@RestController
@RequestMapping(
    path = "/companies/{companyId}/service-accounts",
    produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("@companyAccess.canRead(authentication, #companyId)")
class ServiceAccountQueryController {

  /**
   * The listing's {@code minVersion}: an account's id in its 36-character form and a version from 1
   * in ASCII digits, as the single account's {@code minVersion} is read.
   */
  private static final Pattern ACCOUNT_VERSION =
      Pattern.compile(
          "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
              + ":([1-9][0-9]{0,18})");

  static final int MAX_PAGE_SIZE = 200;

  /** As long as the longest name an account can have. */
  static final int MAX_NAME_QUERY_LENGTH = 100;

  private final ServiceAccountListing accounts;
  private final ReadYourWrites readYourWrites;

  ServiceAccountQueryController(ServiceAccountListing accounts, ReadYourWrites readYourWrites) {
    this.accounts = accounts;
    this.readYourWrites = readYourWrites;
  }

  /**
   * A page of the company's accounts, sorted by name.
   *
   * @param status the statuses to list (repeatable, or comma-separated); {@code ACTIVE} and {@code
   *     DEACTIVATED} when absent, so deleted accounts show only when asked for
   * @param appType the app types to list (repeatable, or comma-separated); any when absent
   * @param q a text the name must contain, ignoring case; {@code %} and {@code _} match literally
   * @param minVersion {@code <accountId>:<version>}: answer only once that account's change is in
   *     the listing (read-your-writes, see {@link ReadYourWrites})
   */
  @GetMapping
  ServiceAccountPage list(
      Authentication caller,
      @PathVariable UUID companyId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> appType,
      @RequestParam(required = false)
          // Characters (code points), as a name's 100 are counted: 51 emoji are 102 UTF-16 units.
          @CodePointLength(
              max = MAX_NAME_QUERY_LENGTH,
              message = "must be at most {max} characters")
          String q,
      @RequestParam(required = false) String minVersion) {
    // Every parameter is read before the read waits: a bad one is refused at once.
    ListingFilter filter = ListingFilter.of(status, appType, q);
    if (minVersion != null) {
      awaitAccountVersion(caller, companyId, minVersion);
    }
    return accounts.page(companyId, filter, page, size);
  }

  /** One account, whatever its status: a deleted one too, so that an admin can restore it. */
  @GetMapping("/{id}")
  ResponseEntity<ServiceAccountView> get(
      Authentication caller,
      @PathVariable UUID companyId,
      @PathVariable UUID id,
      @RequestParam(required = false) @Min(1) Long minVersion) {
    readYourWrites.await(caller, companyId, id, minVersion);
    ServiceAccountView account =
        accounts.find(companyId, id).orElseThrow(() -> new AccountNotFoundException(companyId, id));
    return ResponseEntity.ok().eTag(Long.toString(account.version())).body(account);
  }

  private void awaitAccountVersion(Authentication caller, UUID companyId, String minVersion) {
    Matcher read = ACCOUNT_VERSION.matcher(minVersion);
    try {
      if (!read.matches()) {
        throw new IllegalArgumentException(minVersion);
      }
      readYourWrites.await(
          caller, companyId, UUID.fromString(read.group(1)), Long.parseLong(read.group(2)));
    } catch (IllegalArgumentException malformed) {
      throw new InvalidParametersException(
          Map.of("minVersion", "must be <accountId>:<version>, e.g. 6ae6…:3"));
    }
  }
}
