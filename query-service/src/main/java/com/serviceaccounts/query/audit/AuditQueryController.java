package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.query.personaldata.ContactEmails;
import com.serviceaccounts.query.web.AccountNotFoundException;
import com.serviceaccounts.security.AuthenticatedCallers;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An account's audit trail, for auditors. */
@RestController
class AuditQueryController {

  private final AuditTrailRepository entries;
  private final ContactEmails contactEmails;

  AuditQueryController(AuditTrailRepository entries, ContactEmails contactEmails) {
    this.entries = entries;
    this.contactEmails = contactEmails;
  }

  @GetMapping("/companies/{companyId}/service-accounts/{id}/audit")
  AuditTrailView trail(@PathVariable UUID companyId, @PathVariable UUID id) {
    // The audit trail is for the company's admins; READ_ONLY callers see listings only.
    AuthenticatedCallers.current().require(companyId, CompanyTools.ADMIN, PermissionLevel.ADMIN);
    // Every account's trail starts with its creation, so an empty trail means "not in this
    // company".
    List<AuditEntryView> items = entries.findTrail(companyId, id);
    if (items.isEmpty()) {
      throw new AccountNotFoundException(companyId, id);
    }
    return new AuditTrailView(items.stream().map(this::withContactEmailOpened).toList());
  }

  private AuditEntryView withContactEmailOpened(AuditEntryView entry) {
    Optional<String> sealed = AuditChanges.sealedContactEmail(entry.changes());
    if (sealed.isEmpty()) {
      return entry;
    }
    Optional<String> email = contactEmails.open(entry.accountId(), sealed.get());
    return entry.withChanges(AuditChanges.withContactEmailOpened(entry.changes(), email));
  }
}
