package com.serviceaccounts.query.listing;

import com.serviceaccounts.query.web.AccountNotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A company's service accounts, as the listing projection holds them. */
@RestController
@RequestMapping("/companies/{companyId}/service-accounts")
class ServiceAccountQueryController {

  static final int MAX_PAGE_SIZE = 200;

  private final ServiceAccountListingRepository accounts;

  ServiceAccountQueryController(ServiceAccountListingRepository accounts) {
    this.accounts = accounts;
  }

  @GetMapping
  ServiceAccountPage list(
      @PathVariable UUID companyId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
    return accounts.page(companyId, page, size);
  }

  @GetMapping("/{id}")
  ResponseEntity<ServiceAccountView> get(@PathVariable UUID companyId, @PathVariable UUID id) {
    ServiceAccountView account =
        accounts.find(companyId, id).orElseThrow(() -> new AccountNotFoundException(companyId, id));
    return ResponseEntity.ok().eTag(Long.toString(account.version())).body(account);
  }
}
