package com.serviceaccounts.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
    CompanyAccess access = new CompanyAccess();
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
    assertThat(access.canConfigurePermissions(alice, COMPANY).isGranted()).isFalse();
    assertThat(access.canRead(alice, COMPANY).isGranted()).isTrue();
  }
}
