package com.serviceaccounts.command.serviceaccount;

import static com.serviceaccounts.events.serviceaccount.AppType.CUSTOM;
import static com.serviceaccounts.events.serviceaccount.AppType.MARKETPLACE;

import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.security.personaldata.InMemoryKeyStore;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAccountTest {

  static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6");
  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");
  static final UUID OTHER_COMPANY = UUID.fromString("99999999-7d0a-4d8c-9a55-0f3f7e3c2a11");
  static final String HASH = ClientSecretHash.of("secret");
  static final String EMAIL = "sync@acme.example";

  /** The contact email as earlier events hold it: sealed (its content is not read back). */
  static final String SEALED_EMAIL = "pd1:c2VhbGVk";

  private final PersonalDataVault vault = new PersonalDataVault(new InMemoryKeyStore());

  private FixtureConfiguration<ServiceAccount> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(ServiceAccount.class);
    fixture.registerInjectableResource(
        new MarketplaceCatalogue(Set.of("sage-intacct", "netsuite")));
    fixture.registerInjectableResource(vault);
  }

  static CreateServiceAccount create(
      String name, com.serviceaccounts.events.serviceaccount.AppType type, String app) {
    return new CreateServiceAccount(
        ACCOUNT,
        COMPANY,
        "sa_client",
        HASH,
        new CreateServiceAccountRequest(name, type, app, EMAIL));
  }

  static ServiceAccountCreated created(
      String name, com.serviceaccounts.events.serviceaccount.AppType type, String app) {
    return new ServiceAccountCreated(
        ACCOUNT, COMPANY, "sa_client", HASH, name, type, app, SEALED_EMAIL);
  }

  /**
   * Exactly one creation event with these fields whose contact email is sealed: it does not show
   * the email, and the account's key opens it back to {@link #EMAIL}.
   */
  private Matcher<List<EventMessage<?>>> createdEvent(
      String name, com.serviceaccounts.events.serviceaccount.AppType type, String app) {
    return new CustomTypeSafeMatcher<>("a creation of " + name + " with the contact email sealed") {
      @Override
      protected boolean matchesSafely(List<EventMessage<?>> events) {
        if (events.size() != 1
            || !(events.get(0).getPayload() instanceof ServiceAccountCreated event)) {
          return false;
        }
        String sealed = event.sealedContactEmail();
        return new ServiceAccountCreated(
                    ACCOUNT, COMPANY, "sa_client", HASH, name, type, app, sealed)
                .equals(event)
            && !sealed.contains(EMAIL)
            && vault.open(ACCOUNT, sealed).equals(Optional.of(EMAIL));
      }
    };
  }

  @Test
  void createEmitsCreatedWithTheGivenFields() {
    fixture
        .givenNoPriorActivity()
        .when(create("ERP sync", MARKETPLACE, "sage-intacct"))
        .expectSuccessfulHandlerExecution()
        .expectEventsMatching(createdEvent("ERP sync", MARKETPLACE, "sage-intacct"));
  }

  @Test
  void createStripsSurroundingWhiteSpaceFromTheName() {
    fixture
        .givenNoPriorActivity()
        .when(create("  ERP sync \u00a0", CUSTOM, null))
        .expectEventsMatching(createdEvent("ERP sync", CUSTOM, null));
  }

  @Test
  void createRequiresAName() {
    fixture
        .givenNoPriorActivity()
        .when(create("   ", CUSTOM, null))
        .expectException(InvalidServiceAccountException.class)
        .expectExceptionMessage("name is required and must not be blank")
        .expectNoEvents();
  }

  @Test
  void createRefusesANameOverOneHundredCharacters() {
    fixture
        .givenNoPriorActivity()
        .when(create("x".repeat(101), CUSTOM, null))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @Test
  void createAcceptsExactlyOneHundredCharactersCountedAsCodePoints() {
    String hundredEmoji = "\uD83D\uDE80".repeat(100);
    fixture
        .givenNoPriorActivity()
        .when(create(hundredEmoji, CUSTOM, null))
        .expectEventsMatching(createdEvent(hundredEmoji, CUSTOM, null));
  }

  @Test
  void createRefusesControlCharactersAndCharactersThatShowAsNothingInTheName() {
    for (String name :
        new String[] {
          "ERP\nsync",
          "ERP\u200bsync",
          "\u3164",
          "\u2800\u2800",
          "ERP\u034f",
          "\uD834\uDD59",
          "\ufe0f",
          " \ufe0f ",
          "\u180b",
          "\ue000"
        }) {
      fixture
          .givenNoPriorActivity()
          .when(create(name, CUSTOM, null))
          .expectException(InvalidServiceAccountException.class)
          .expectExceptionMessage(
              "name must not contain control characters or characters that show as nothing (tabs,"
                  + " line breaks, zero-width spaces, ...)")
          .expectNoEvents();
    }
  }

  @Test
  void createRefusesANameOfMarksAloneThatShowAsNothing() {
    for (String name : new String[] {"\u0300", "\u0300\u0301\u0302", " \u0301", "\u3099"}) {
      fixture
          .givenNoPriorActivity()
          .when(create(name, CUSTOM, null))
          .expectException(InvalidServiceAccountException.class)
          .expectExceptionMessage(
              "name must hold a letter, digit, symbol or punctuation mark: marks alone show as"
                  + " nothing")
          .expectNoEvents();
    }
  }

  @Test
  void createRefusesHalfASurrogatePairInTheName() {
    for (String broken : new String[] {"ERP \uD800 sync", "ERP sync \uDC00", "\uDE00\uD83D"}) {
      fixture
          .givenNoPriorActivity()
          .when(create(broken, CUSTOM, null))
          .expectException(InvalidServiceAccountException.class)
          .expectExceptionMessage(
              "name must be valid Unicode text: it contains half of a surrogate pair")
          .expectNoEvents();
    }
  }

  @Test
  void createRequiresAnAppType() {
    fixture
        .givenNoPriorActivity()
        .when(create("ERP sync", null, null))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @Test
  void marketplaceRequiresAMarketplaceApp() {
    fixture
        .givenNoPriorActivity()
        .when(create("ERP sync", MARKETPLACE, null))
        .expectException(InvalidServiceAccountException.class)
        .expectExceptionMessage(
            "appType MARKETPLACE needs marketplaceAppId, the marketplace app the account is used with")
        .expectNoEvents();
  }

  @Test
  void customRefusesAMarketplaceApp() {
    fixture
        .givenNoPriorActivity()
        .when(create("ERP sync", CUSTOM, "sage-intacct"))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-email", "a..b@x.example", "a@-x.example", "a@[127.0.0.1]"})
  void createRequiresAValidContactEmail(String email) {
    fixture
        .givenNoPriorActivity()
        .when(
            new CreateServiceAccount(
                ACCOUNT,
                COMPANY,
                "sa_client",
                HASH,
                new CreateServiceAccountRequest("ERP", CUSTOM, null, email)))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @Test
  void editChangingTheNameEmitsOnlyTheNameBeforeAndAfter() {
    fixture
        .given(created("ERP sync", CUSTOM, null))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "ERP nightly", null, null, null))
        .expectEvents(
            new ServiceAccountEdited(
                ACCOUNT, COMPANY, new ValueChange<>("ERP sync", "ERP nightly"), null, null))
        .expectResultMessagePayload(2L);
  }

  @Test
  void editWithUnchangedValuesEmitsNothing() {
    fixture
        .given(created("ERP sync", MARKETPLACE, "sage-intacct"))
        .when(
            new EditServiceAccount(ACCOUNT, COMPANY, "ERP sync", MARKETPLACE, "sage-intacct", null))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  @Test
  void editToCustomClearsTheMarketplaceApp() {
    fixture
        .given(created("ERP sync", MARKETPLACE, "sage-intacct"))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, null, CUSTOM, null, null))
        .expectEvents(
            new ServiceAccountEdited(
                ACCOUNT,
                COMPANY,
                null,
                new ValueChange<>(MARKETPLACE, CUSTOM),
                new ValueChange<>("sage-intacct", null)));
  }

  @Test
  void editToMarketplaceRequiresAMarketplaceApp() {
    fixture
        .given(created("ERP sync", CUSTOM, null))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, null, MARKETPLACE, null, null))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @Test
  void editOfTheMarketplaceAppAloneKeepsTheAppType() {
    fixture
        .given(created("ERP sync", MARKETPLACE, "sage-intacct"))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, null, null, "netsuite", null))
        .expectEvents(
            new ServiceAccountEdited(
                ACCOUNT, COMPANY, null, null, new ValueChange<>("sage-intacct", "netsuite")));
  }

  @Test
  void editValidatesTheNewName() {
    fixture
        .given(created("ERP sync", CUSTOM, null))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "", null, null, null))
        .expectException(InvalidServiceAccountException.class)
        .expectNoEvents();
  }

  @Test
  void editCountsTheVersionAcrossEarlierEdits() {
    fixture
        .given(
            created("a", CUSTOM, null),
            new ServiceAccountEdited(ACCOUNT, COMPANY, new ValueChange<>("a", "b"), null, null))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "c", null, null, null))
        .expectResultMessagePayload(3L);
  }

  @Test
  void anotherCompanysAccountIsNotFound() {
    fixture
        .given(created("ERP sync", CUSTOM, null))
        .when(new EditServiceAccount(ACCOUNT, OTHER_COMPANY, "stolen", null, null, null))
        .expectException(ServiceAccountNotFoundException.class)
        .expectNoEvents();
  }
}
