package com.serviceaccounts.testsupport;

import com.nimbusds.jwt.JWTClaimsSet;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.devissuer.KeyFiles;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.localstack.TokenSigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Bearer tokens for tests, made by the local stack's {@link DevTokenIssuer} (so in exactly the
 * format the services accept; see its class comment) with a key pair made for this JVM in a
 * temporary folder. The services under test trust it through {@link #publicKeyLocation()}, which
 * {@link TestInfrastructure#registerSpringProperties} registers; tests that run a service as a
 * process pass it as {@code --spring.security.oauth2.resourceserver.jwt.public-key-location}.
 *
 * <p>Every method returns the whole {@code Authorization} header value, {@code Bearer eyJ…}. Tokens
 * are valid for {@link #LIFETIME}.
 *
 * <pre>{@code
 * mockMvc.perform(post("/companies/{company}/service-accounts", company)
 *     .header(HttpHeaders.AUTHORIZATION, TestTokens.companyAdmin(company)) ...
 * }</pre>
 */
public final class TestTokens {

  /** How long a test token is valid. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  /**
   * The {@code sub} of {@link #operator()}: the one operator the test infrastructure configures
   * ({@code service-accounts.security.operators}).
   */
  public static final String OPERATOR = "user:operator@service-accounts.test";

  private static final DevTokenIssuer ISSUER = issuerInTemporaryFolder("issuer");

  private TestTokens() {}

  /** {@code Bearer <JWT>} for {@code subject} with {@code tools}' levels in one company. */
  public static String bearer(String subject, UUID company, Map<String, PermissionLevel> tools) {
    return withCompanies(subject, Map.of(company, tools));
  }

  /**
   * {@code Bearer <JWT>} of a company admin, {@code user:admin@<company>}: ADMIN on the company's
   * Admin and Directory tools, so allowed every operation there, and nothing in other companies.
   */
  public static String companyAdmin(UUID company) {
    return bearer(adminOf(company), company, adminTools());
  }

  /**
   * {@code Bearer <JWT>} of the operator, {@link #OPERATOR}: a person in no company, allowed the
   * operator endpoints (parked records, dead letters, projection rebuilds) and nothing else.
   */
  public static String operator() {
    return withCompanies(OPERATOR, Map.of());
  }

  /** {@code Bearer <JWT>} for {@code subject} with levels in several companies (or none). */
  public static String withCompanies(
      String subject, Map<UUID, Map<String, PermissionLevel>> companies) {
    return "Bearer " + ISSUER.mint(subject, companies, LIFETIME);
  }

  /**
   * A {@link #companyAdmin} token but for its expiry: it expired an hour ago, far beyond the clock
   * skew a resource server tolerates (60 s by default). The services must answer 401.
   */
  public static String expired(UUID company) {
    return "Bearer "
        + ISSUER.mint(
            adminOf(company),
            Map.of(company, adminTools()),
            Instant.now().minus(LIFETIME).minus(Duration.ofHours(1)),
            LIFETIME);
  }

  /**
   * A {@link #companyAdmin} token, well-formed, unexpired and with the right issuer, but signed by
   * a key the services do not trust. The services must answer 401.
   */
  public static String signedByAnotherKey(UUID company) {
    return "Bearer "
        + OtherKey.ISSUER.mint(adminOf(company), Map.of(company, adminTools()), LIFETIME);
  }

  /**
   * A {@link #companyAdmin} token, signed by the trusted key, with {@code change} applied to its
   * claims: tokens the services must refuse (no {@code exp}, no {@code sub}, an {@code iss} they do
   * not trust, a {@code sub} reserved for service accounts, ...) or must read as a person's
   * whatever they claim.
   */
  public static String changed(UUID company, UnaryOperator<JWTClaimsSet.Builder> change) {
    return "Bearer "
        + ISSUER.sign(
            change
                .apply(ISSUER.claims(adminOf(company), Map.of(company, adminTools()), LIFETIME))
                .build());
  }

  /**
   * The folder of a P-256 key pair made for this JVM, as the local stack makes token-service's: the
   * value of {@code service-accounts.token.key-directory} for a token service that signs with
   * ES256, its default. Services that trust that token service find its public key at its {@code
   * /oauth2/jwks}.
   */
  public static Path tokenServiceKeyDirectory() {
    return TokenServiceKey.KEYS.directory();
  }

  /** The PEM file of the public key that verifies these tokens (absolute). */
  public static Path publicKeyPem() {
    return ISSUER.publicKeyPem();
  }

  /**
   * The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location}: {@code
   * file:} and the absolute path of {@link #publicKeyPem()}.
   */
  public static String publicKeyLocation() {
    return ISSUER.publicKeyLocation();
  }

  private static String adminOf(UUID company) {
    return "user:admin@" + company;
  }

  /** A company admin's levels: ADMIN on the company's Admin and Directory tools. */
  public static Map<String, PermissionLevel> adminTools() {
    Map<String, PermissionLevel> tools = new LinkedHashMap<>();
    tools.put(CompanyTools.ADMIN, PermissionLevel.ADMIN);
    tools.put(CompanyTools.DIRECTORY, PermissionLevel.ADMIN);
    return tools;
  }

  /** The forger's key, made only if a test asks for a forged token. */
  private static final class OtherKey {
    static final DevTokenIssuer ISSUER = issuerInTemporaryFolder("other-key");
  }

  /** token-service's key pair, made only if a test asks for it. */
  private static final class TokenServiceKey {
    static final TokenSigningKeys KEYS =
        inTemporaryFolder(
            "token-signing", "token-service's test key", TokenSigningKeys::loadOrCreate);
  }

  /** An issuer whose folder is deleted when the JVM ends. */
  private static DevTokenIssuer issuerInTemporaryFolder(String name) {
    return inTemporaryFolder(name, "the test token issuer", DevTokenIssuer::loadOrCreate);
  }

  /**
   * The key pair that {@code loadOrCreate} keeps in a new temporary folder, deleted with its key
   * files when the JVM ends.
   *
   * @param what whose keys they are, for the error if the folder cannot be made
   */
  private static <K> K inTemporaryFolder(String name, String what, Function<Path, K> loadOrCreate) {
    try {
      Path folder = Files.createTempDirectory("service-accounts-test-" + name + "-");
      folder.toFile().deleteOnExit();
      K keys = loadOrCreate.apply(folder);
      // deleteOnExit deletes in reverse order: the files, then the folder
      folder.resolve(KeyFiles.PRIVATE_KEY_FILE).toFile().deleteOnExit();
      folder.resolve(KeyFiles.PUBLIC_KEY_FILE).toFile().deleteOnExit();
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for " + what, e);
    }
  }
}
