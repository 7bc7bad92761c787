package com.serviceaccounts.testsupport;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.localstack.DevTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for tests, made by the local stack's {@link DevTokenIssuer} (so in exactly the
 * format the services accept) with a key pair made for this JVM. The services under test trust it
 * through {@link #publicKeyLocation()}, which {@link TestInfrastructure#registerSpringProperties}
 * registers.
 */
public final class TestTokens {

  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final DevTokenIssuer ISSUER = DevTokenIssuer.loadOrCreate(tempDirectory("issuer"));
  private static final DevTokenIssuer FORGER = DevTokenIssuer.loadOrCreate(tempDirectory("forger"));

  private TestTokens() {}

  /** {@code Bearer <JWT>} for {@code subject} with the given levels in one company. */
  public static String bearer(String subject, UUID company, Map<String, PermissionLevel> tools) {
    return withCompanies(subject, Map.of(company, tools));
  }

  /** A company admin: ADMIN on the company's Admin and Directory tools. */
  public static String companyAdmin(UUID company) {
    return bearer(
        "user:admin@" + company,
        company,
        Map.of(
            CompanyTools.ADMIN, PermissionLevel.ADMIN,
            CompanyTools.DIRECTORY, PermissionLevel.ADMIN));
  }

  public static String withCompanies(
      String subject, Map<UUID, Map<String, PermissionLevel>> companies) {
    return "Bearer " + ISSUER.mint(subject, companies, LIFETIME);
  }

  /** A company admin's token that expired a minute ago. */
  public static String expired(UUID company) {
    return "Bearer "
        + ISSUER.mint(
            "user:late@" + company,
            adminOf(company),
            Instant.now().minus(LIFETIME).minusSeconds(60),
            LIFETIME);
  }

  /** A well-formed company admin's token, signed by a key the services do not trust. */
  public static String signedByAnotherKey(UUID company) {
    return "Bearer " + FORGER.mint("user:forger@" + company, adminOf(company), LIFETIME);
  }

  public static Path publicKeyPem() {
    return ISSUER.publicKeyPem();
  }

  /** The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
  public static String publicKeyLocation() {
    return ISSUER.publicKeyLocation();
  }

  private static Map<UUID, Map<String, PermissionLevel>> adminOf(UUID company) {
    return Map.of(company, Map.of(CompanyTools.ADMIN, PermissionLevel.ADMIN));
  }

  private static Path tempDirectory(String name) {
    try {
      Path directory = Files.createTempDirectory("service-accounts-test-" + name);
      directory.toFile().deleteOnExit();
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
