package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerIdentityTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  static Jwt token(Object companies) {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .subject("user:alice@acme.example")
        .claim("companies", companies)
        .issuedAt(Instant.now())
        .build();
  }

  @Test
  void readsLevelsPerCompanyAndTool() {
    var companies =
        CompaniesClaim.read(
            token(Map.of(COMPANY.toString(), Map.of("admin", "ADMIN", "reports", "READ_ONLY"))));
    CallerIdentity caller = new CallerIdentity("user:alice", "user", companies);
    assertThat(caller.level(COMPANY, "admin")).isEqualTo(PermissionLevel.ADMIN);
    assertThat(caller.level(COMPANY, "reports")).isEqualTo(PermissionLevel.READ_ONLY);
    assertThat(caller.level(COMPANY, "schedule")).isEqualTo(PermissionLevel.NONE);
  }

  @Test
  void unreadableEntriesGrantNothingAndFailNothing() {
    var companies =
        CompaniesClaim.read(
            token(
                Map.of(
                    "not-a-uuid",
                    Map.of("admin", "ADMIN"),
                    COMPANY.toString(),
                    Map.of("payroll", "ADMIN", "admin", "SUPREME", "directory", "STANDARD"))));
    assertThat(companies).containsOnlyKeys(COMPANY);
    assertThat(companies.get(COMPANY))
        .containsExactly(Map.entry("directory", PermissionLevel.STANDARD));
    assertThat(CompaniesClaim.read(token("nonsense"))).isEmpty();
  }
}
