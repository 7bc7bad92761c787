package com.serviceaccounts.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.access.ServiceAccountDirectory.ActiveAccount;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class CompanyAccessTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  @Test
  void anotherCompanyIsNotVisibleAndALowLevelIsForbidden() {
    Jwt token =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("user:alice@acme.example")
            .claim("companies", Map.of(COMPANY.toString(), Map.of("admin", "STANDARD")))
            .build();
    var alice = new JwtAuthenticationToken(token);
    CompanyAccess access = new CompanyAccess(clientId -> Optional.empty());
    assertThat(access.canRead(alice, UUID.randomUUID()))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied -> assertThat(denied.member()).isFalse());
    assertThat(access.canAdminister(alice, COMPANY))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "this needs ADMIN on the company's Admin tool; your level there is"
                            + " STANDARD"));
    assertThat(
            access.canConfigurePermissions(alice, COMPANY, UUID.randomUUID(), Map.of()).isGranted())
        .isFalse();
    assertThat(access.canRead(alice, COMPANY).isGranted()).isTrue();
  }

  @Test
  void aServiceAccountActsOnlyWhileActiveAndNeverSetsItsOwnPermissions() {
    UUID own = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    var integration = serviceAccount(Map.of("admin", "ADMIN", "directory", "ADMIN"));
    Map<String, UUID> active = new HashMap<>(Map.of("sa_active", own));
    CompanyAccess access =
        new CompanyAccess(
            clientId -> Optional.ofNullable(active.get(clientId)).map(ActiveAccount::of));

    assertThat(access.canAdminister(integration, COMPANY).isGranted()).isTrue();
    assertThat(access.canConfigurePermissions(integration, COMPANY, other, Map.of()).isGranted())
        .isTrue();
    assertThat(access.canConfigurePermissions(integration, COMPANY, own, Map.of()))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "a service account cannot change its own permissions; a person must"));

    active.clear(); // deactivated or deleted
    for (AuthorizationResult result :
        List.of(
            access.canRead(integration, COMPANY),
            access.canAdminister(integration, COMPANY),
            access.canConfigurePermissions(integration, COMPANY, other, Map.of()))) {
      assertThat(result)
          .isInstanceOfSatisfying(
              CompanyAccess.CompanyAccessDenied.class,
              denied ->
                  assertThat(denied.detail())
                      .startsWith("service account sa_active is deactivated or deleted"));
    }
  }

  /**
   * Armed with an account it made, a service account would raise its own levels through it, and
   * undo its own deactivation: it gives no level above its own, and reactivates or restores
   * nothing. A person's levels are what the company's provider says.
   */
  @Test
  void aServiceAccountGivesNoLevelAboveItsOwnAndNeverReactivatesOrRestores() {
    var integration =
        serviceAccount(Map.of("admin", "ADMIN", "directory", "ADMIN", "reports", "READ_ONLY"));
    var alice =
        new JwtAuthenticationToken(
            Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("user:alice@acme.example")
                .claim(
                    "companies",
                    Map.of(COMPANY.toString(), Map.of("admin", "ADMIN", "directory", "ADMIN")))
                .build());
    CompanyAccess access =
        new CompanyAccess(clientId -> Optional.of(ActiveAccount.of(UUID.randomUUID())));
    UUID other = UUID.randomUUID();

    assertThat(
            access.canConfigurePermissions(
                integration, COMPANY, other, Map.of("reports", PermissionLevel.STANDARD)))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "a service account cannot give a level above its own: STANDARD on the"
                            + " Reports tool, where its level is READ_ONLY"));
    assertThat(
            access
                .canConfigurePermissions(
                    integration,
                    COMPANY,
                    other,
                    Map.of(
                        "reports", PermissionLevel.READ_ONLY,
                        "admin", PermissionLevel.ADMIN,
                        "schedule", PermissionLevel.NONE))
                .isGranted())
        .isTrue();
    assertThat(
            access
                .canConfigurePermissions(
                    alice, COMPANY, other, Map.of("reports", PermissionLevel.ADMIN))
                .isGranted())
        .as("a person")
        .isTrue();
    assertThat(access.canReactivate(integration, COMPANY))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "a service account cannot reactivate or restore an account; a person"
                            + " must"));
    assertThat(access.canReactivate(alice, COMPANY).isGranted()).as("a person").isTrue();
  }

  /**
   * A token carries the levels its account had when it was issued: a person who lowers them, or
   * deactivates the account (and reactivates it), has its earlier tokens act with the levels the
   * account has now, or not at all, however long they have left.
   */
  @Test
  void aServiceAccountActsWithItsLevelsNowAndNotWithATokenFromBeforeItsDeactivation() {
    var issuedWithAdmin = serviceAccount(Map.of("admin", "ADMIN", "directory", "ADMIN"));
    UUID own = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Instant issued = Instant.parse("2026-12-07T10:00:00Z");

    CompanyAccess lowered =
        new CompanyAccess(
            clientId ->
                Optional.of(
                    new ActiveAccount(own, Map.of("directory", PermissionLevel.ADMIN), null)));
    assertThat(lowered.canAdminister(issuedWithAdmin, COMPANY))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "this needs ADMIN on the company's Admin tool; your level there is NONE"));
    assertThat(
            lowered.canConfigurePermissions(
                issuedWithAdmin, COMPANY, other, Map.of("admin", PermissionLevel.ADMIN)))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "a service account cannot give a level above its own: ADMIN on the"
                            + " Admin tool, where its level is NONE"));
    assertThat(
            lowered
                .canConfigurePermissions(
                    issuedWithAdmin, COMPANY, other, Map.of("directory", PermissionLevel.ADMIN))
                .isGranted())
        .isTrue();

    Map<String, PermissionLevel> admin =
        Map.of("admin", PermissionLevel.ADMIN, "directory", PermissionLevel.ADMIN);
    CompanyAccess reactivated =
        new CompanyAccess(
            clientId -> Optional.of(new ActiveAccount(own, admin, issued.plusMillis(400))));
    assertThat(reactivated.canAdminister(serviceAccount(admin(), issued), COMPANY))
        .isInstanceOfSatisfying(
            CompanyAccess.CompanyAccessDenied.class,
            denied ->
                assertThat(denied.detail())
                    .isEqualTo(
                        "this token was issued before service account sa_active was last"
                            + " deactivated, deleted, reactivated or restored: ask for a new"
                            + " token"));
    assertThat(
            reactivated
                .canAdminister(serviceAccount(admin(), issued.plusSeconds(1)), COMPANY)
                .isGranted())
        .as("a token issued after")
        .isTrue();
  }

  private static Map<String, String> admin() {
    return Map.of("admin", "ADMIN", "directory", "ADMIN");
  }

  /** The token of service account {@code sa_active}, with these levels in {@link #COMPANY}. */
  private static JwtAuthenticationToken serviceAccount(Map<String, String> levels) {
    return serviceAccount(levels, Instant.now());
  }

  /** The same, issued at {@code issuedAt}. */
  private static JwtAuthenticationToken serviceAccount(
      Map<String, String> levels, Instant issuedAt) {
    Jwt token =
        Jwt.withTokenValue("t")
            .header("alg", "ES256")
            .subject("service-account:sa_active")
            .claim("client_id", "sa_active")
            .claim("companies", Map.of(COMPANY.toString(), levels))
            .issuedAt(issuedAt)
            .build();
    return new JwtAuthenticationToken(
        token, List.of(new SimpleGrantedAuthority("ACTOR_TYPE_service_account")));
  }
}
