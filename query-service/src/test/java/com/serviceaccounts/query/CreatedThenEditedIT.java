package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestAccount;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreatedThenEditedIT extends QueryServiceIntegrationTest {

  @Test
  void theListingShowsTheAccountAsEditedAndTheAuditTrailShowsBothEventsNewestFirst() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created =
        account.created("ERP nightly sync", AppType.MARKETPLACE, "sage-intacct");
    EventEnvelope edited =
        account.edited(
            new ValueChange<>("ERP nightly sync", "ERP sync"),
            new ValueChange<>(AppType.MARKETPLACE, AppType.CUSTOM),
            new ValueChange<>("sage-intacct", null));

    feed.publish(created);
    JsonNode afterCreation = awaitAccountAtVersion(account, 1).json();
    assertThat(afterCreation.get("name").asString()).isEqualTo("ERP nightly sync");
    assertThat(afterCreation.get("marketplaceAppId").asString()).isEqualTo("sage-intacct");
    assertThat(afterCreation.get("lastEditedAt").isNull()).isTrue();
    assertThat(afterCreation.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(afterCreation.get("permissions").propertyNames())
        .containsExactlyElementsOf(CompanyTools.ids());
    assertThat(afterCreation.get("permissions").values())
        .allSatisfy(level -> assertThat(level.asString()).isEqualTo("NONE"));
    assertThat(afterCreation.get("secrets"))
        .isEqualTo(
            QueryApi.json(
                "[{\"number\":1,\"createdAt\":\"%s\",\"expiresAt\":null,\"lastUsedAt\":null}]"
                    .formatted(created.occurredAt())));
    assertThat(afterCreation.get("deletedAt").isNull()).isTrue();
    assertThat(afterCreation.get("restorableUntil").isNull()).isTrue();

    feed.publish(edited);
    QueryApi.Response response = awaitAccountAtVersion(account, 2);

    assertThat(response.etag()).isEqualTo("\"2\"");
    JsonNode view = response.json();
    assertThat(view.get("id").asString()).isEqualTo(account.id.toString());
    assertThat(view.get("companyId").asString()).isEqualTo(account.companyId.toString());
    assertThat(view.get("clientId").asString()).isEqualTo(account.clientId);
    assertThat(view.get("name").asString()).isEqualTo("ERP sync");
    assertThat(view.get("appType").asString()).isEqualTo("CUSTOM");
    assertThat(view.get("marketplaceAppId").isNull()).isTrue();
    assertThat(view.get("contactEmail").asString()).isEqualTo(account.contactEmail());
    assertThat(view.get("createdAt").asString()).isEqualTo(created.occurredAt().toString());
    assertThat(view.get("createdBy").asString()).isEqualTo(TestAccount.CREATOR);
    assertThat(view.get("lastEditedAt").asString()).isEqualTo(edited.occurredAt().toString());
    assertThat(view.get("lastEditedBy").asString()).isEqualTo(TestAccount.EDITOR);

    JsonNode listed = api.listing(account.companyId).json();
    assertThat(listed.get("totalItems").asLong()).isEqualTo(1);
    assertThat(listed.get("items").get(0)).isEqualTo(view);

    QueryApi.Response audit = api.audit(account.companyId, account.id);
    assertThat(audit.status()).isEqualTo(200);
    JsonNode items = audit.json().get("items");
    assertThat(items).hasSize(2);

    JsonNode edit = items.get(0);
    assertThat(edit.get("eventId").asString()).isEqualTo(edited.eventId().toString());
    assertThat(edit.get("accountId").asString()).isEqualTo(account.id.toString());
    assertThat(edit.get("companyId").asString()).isEqualTo(account.companyId.toString());
    assertThat(edit.get("version").asLong()).isEqualTo(2);
    assertThat(edit.get("type").asString()).isEqualTo("ServiceAccountEdited");
    assertThat(edit.get("actor").asString()).isEqualTo(TestAccount.EDITOR);
    assertThat(edit.get("occurredAt").asString()).isEqualTo(edited.occurredAt().toString());
    assertThat(edit.get("correlationId").asString()).isEqualTo(edited.correlationId());
    assertThat(edit.get("changes").get("name").get("before").asString())
        .isEqualTo("ERP nightly sync");
    assertThat(edit.get("changes").get("name").get("after").asString()).isEqualTo("ERP sync");
    assertThat(edit.get("changes").get("appType").get("before").asString())
        .isEqualTo("MARKETPLACE");
    assertThat(edit.get("changes").get("appType").get("after").asString()).isEqualTo("CUSTOM");
    assertThat(edit.get("changes").get("marketplaceAppId").get("before").asString())
        .isEqualTo("sage-intacct");
    assertThat(edit.get("changes").get("marketplaceAppId").get("after").isNull()).isTrue();

    JsonNode creation = items.get(1);
    assertThat(creation.get("version").asLong()).isEqualTo(1);
    assertThat(creation.get("type").asString()).isEqualTo("ServiceAccountCreated");
    assertThat(creation.get("actor").asString()).isEqualTo(TestAccount.CREATOR);
    assertThat(creation.get("changes").propertyNames())
        .containsExactlyInAnyOrder(
            "name", "appType", "marketplaceAppId", "clientId", "contactEmail");
    assertThat(creation.get("changes").get("name").get("after").asString())
        .isEqualTo("ERP nightly sync");
    assertThat(creation.get("changes").get("clientId").get("after").asString())
        .isEqualTo(account.clientId);
    assertThat(creation.get("changes").get("name").has("before")).isFalse();
  }
}
