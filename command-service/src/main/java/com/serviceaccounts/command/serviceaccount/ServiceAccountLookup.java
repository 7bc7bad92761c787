package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the set-based facts behind the account rules (client ids, contact emails) in a table of the
 * command side. Runs in a subscribing processor, so the insert shares the transaction of the event
 * append: a duplicate rolls the command back, and two racing creates cannot both win.
 */
@Component
@ProcessingGroup(ServiceAccountLookup.PROCESSING_GROUP)
class ServiceAccountLookup {

  static final String PROCESSING_GROUP = "service-account-lookup";
  private static final String CONTACT_EMAIL_KEY = "service_account_lookup_contact_email_key";

  private final JdbcClient jdbc;

  ServiceAccountLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(ServiceAccountCreated event) {
    try {
      jdbc.sql(
              """
              INSERT INTO service_account_lookup (account_id, company_id, client_id, contact_email)
              VALUES (:account, :company, :clientId, :email)
              """)
          .param("account", event.accountId())
          .param("company", event.companyId())
          .param("clientId", event.clientId())
          .param("email", event.contactEmail())
          .update();
    } catch (DuplicateKeyException e) {
      if (String.valueOf(e.getMostSpecificCause().getMessage()).contains(CONTACT_EMAIL_KEY)) {
        throw new ContactEmailInUseException(event.contactEmail());
      }
      throw e;
    }
  }
}
