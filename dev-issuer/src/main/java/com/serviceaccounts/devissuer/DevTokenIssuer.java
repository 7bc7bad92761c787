package com.serviceaccounts.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The development issuer of bearer tokens: an RSA 2048 key pair kept in a folder, and tokens in
 * exactly the format both services accept. The local stack's launcher and {@code local-stack.jar
 * token} use the one in {@code <data-dir>/issuer/}; test-support's {@code TestTokens} one in a
 * temporary folder. The services trust its {@link #publicKeyPem()} through {@code
 * spring.security.oauth2.resourceserver.jwt.public-key-location} ({@link #publicKeyLocation()}).
 *
 * <h2>Token format</h2>
 *
 * A JWS in compact serialization, signed with RS256. Header:
 *
 * <pre>{@code
 * {"kid": "<RFC 7638 thumbprint of the public key>", "typ": "JWT", "alg": "RS256"}
 * }</pre>
 *
 * Claims:
 *
 * <table>
 *   <caption>claims</caption>
 *   <tr><th>claim</th><th>value</th></tr>
 *   <tr><td>{@code iss}</td><td>{@value #ISSUER}</td></tr>
 *   <tr><td>{@code sub}</td><td>who acts, e.g. {@code user:alice@acme.example}; services record it
 *       as the actor of every event the request causes</td></tr>
 *   <tr><td>{@code actor_type}</td><td>{@value #ACTOR_TYPE_USER} (later also {@code
 *       service_account})</td></tr>
 *   <tr><td>{@code iat}</td><td>issued at, seconds since the epoch</td></tr>
 *   <tr><td>{@code exp}</td><td>expiry, seconds since the epoch: {@link #DEV_TOKEN_LIFETIME} after
 *       {@code iat} for the local stack's tokens, one hour for test tokens</td></tr>
 *   <tr><td>{@code companies}</td><td>a JSON object: company id (UUID string) → JSON object: tool
 *       id ({@link com.serviceaccounts.events.serviceaccount.CompanyTools}) → level name ({@link
 *       PermissionLevel}: {@code NONE}, {@code READ_ONLY}, {@code STANDARD}, {@code ADMIN})</td></tr>
 * </table>
 *
 * <pre>{@code
 * {"iss": "service-accounts-dev", "sub": "user:alice@acme.example", "actor_type": "user",
 *  "iat": 1795971200, "exp": 1796000000,
 *  "companies": {"0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11":
 *                  {"admin": "ADMIN", "directory": "ADMIN", "reports": "READ_ONLY"}}}
 * }</pre>
 *
 * A company absent from {@code companies} is one the caller does not belong to; a tool absent from
 * a company's object is {@code NONE} there.
 *
 * <h2>Key files</h2>
 *
 * {@value #PRIVATE_KEY_FILE}: PKCS#8 {@code -----BEGIN PRIVATE KEY-----}, readable by its owner
 * only where the file system has POSIX permissions. {@value #PUBLIC_KEY_FILE}: X.509
 * SubjectPublicKeyInfo {@code -----BEGIN PUBLIC KEY-----}, the format Spring Security's {@code
 * public-key-location} reads. The private key is the truth: the public key is always derived from
 * it, and rewritten if it is missing or does not match. Several threads or processes may call
 * {@link #loadOrCreate} on one folder at once; they all end up with the same key.
 */
public final class DevTokenIssuer {

  /** The {@code iss} of every token. */
  public static final String ISSUER = "service-accounts-dev";

  /** The {@code actor_type} of a person's token. */
  public static final String ACTOR_TYPE_USER = "user";

  /**
   * The name of the claim that says what kind of caller acts (a person, later a service account):
   * {@value}.
   */
  public static final String ACTOR_TYPE_CLAIM = "actor_type";

  /** The name of the claim with the caller's levels per company and tool: {@value}. */
  public static final String COMPANIES_CLAIM = "companies";

  /** How long the local stack's tokens are valid. */
  public static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(8);

  public static final String PRIVATE_KEY_FILE = KeyFiles.PRIVATE_KEY_FILE;

  public static final String PUBLIC_KEY_FILE = KeyFiles.PUBLIC_KEY_FILE;

  private final RSAKey key;

  private final Path publicKeyPem;

  private DevTokenIssuer(RSAKey key, Path publicKeyPem) {
    this.key = key;
    this.publicKeyPem = publicKeyPem;
  }

  /**
   * The issuer whose key pair lives in {@code directory}: made there (with the folder) on first
   * use, read back on every later one, so tokens minted before stay valid.
   *
   * @throws UncheckedIOException if the folder cannot be created, read or written
   * @throws IllegalStateException if {@value #PRIVATE_KEY_FILE} is not a PKCS#8 RSA private key
   */
  public static DevTokenIssuer loadOrCreate(Path directory) {
    Path privatePem = directory.toAbsolutePath().normalize().resolve(PRIVATE_KEY_FILE);
    try {
      Files.createDirectories(privatePem.getParent());
      if (!Files.exists(privatePem)) {
        KeyFiles.createPrivateKey(privatePem);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the token issuer's keys in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make an RSA key pair", e);
    }
    return load(directory);
  }

  /**
   * The issuer whose key pair another process made in {@code directory} (the local stack's
   * launcher, say): a user of tokens that the services must trust never makes a key of its own.
   *
   * @throws IllegalStateException if the folder holds no {@value #PRIVATE_KEY_FILE}, or one that is
   *     not a PKCS#8 RSA private key
   * @throws UncheckedIOException if the folder cannot be read, or its public key written
   */
  public static DevTokenIssuer load(Path directory) {
    Path folder = directory.toAbsolutePath().normalize();
    Path privatePem = folder.resolve(PRIVATE_KEY_FILE);
    Path publicPem = folder.resolve(PUBLIC_KEY_FILE);
    if (!Files.isRegularFile(privatePem)) {
      throw new IllegalStateException(
          "no token issuer key at "
              + privatePem
              + "; the process that starts the services makes it (the local stack's launcher)");
    }
    try {
      RSAPrivateCrtKey privateKey = KeyFiles.readPrivateKey(privatePem);
      RSAPublicKey publicKey = KeyFiles.publicKeyOf(privateKey);
      if (!KeyFiles.matches(publicPem, publicKey)) {
        KeyFiles.writePublicKey(
            publicPem, KeyFiles.pem(KeyFiles.PUBLIC_PEM_TYPE, publicKey.getEncoded()));
      }
      RSAKey key =
          new RSAKey.Builder(publicKey)
              .privateKey(privateKey)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint()
              .build();
      return new DevTokenIssuer(key, publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token issuer's keys in " + folder, e);
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException(
          privatePem
              + " is not an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----);"
              + " delete the folder to make a new key pair",
          e);
    }
  }

  /** The absolute path of {@value #PUBLIC_KEY_FILE}, the key the services trust. */
  public Path publicKeyPem() {
    return publicKeyPem;
  }

  /**
   * The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location}: {@code
   * file:} and the absolute path of {@link #publicKeyPem()}.
   */
  public String publicKeyLocation() {
    return "file:" + publicKeyPem;
  }

  /** The {@code kid} of every token: the RFC 7638 thumbprint of the public key. */
  public String keyId() {
    return key.getKeyID();
  }

  /**
   * The public key as a JWK Set, {@code {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":…,
   * "n":…,"e":…}]}}: what a {@code jwk-set-uri} would serve.
   */
  public String publicJwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /**
   * A signed token for {@code subject} with {@code companies}' levels, issued now and valid for
   * {@code lifetime}; see the class comment for its format.
   *
   * @param subject who acts, e.g. {@code user:alice@acme.example}
   * @param companies company id → tool id → level; may be empty (a caller of no company)
   * @param lifetime positive
   */
  public String mint(
      String subject, Map<UUID, Map<String, PermissionLevel>> companies, Duration lifetime) {
    return mint(subject, companies, Instant.now(), lifetime);
  }

  /**
   * As {@link #mint(String, Map, Duration)}, issued at {@code issuedAt}: with a past instant, tests
   * make tokens that have expired.
   */
  public String mint(
      String subject,
      Map<UUID, Map<String, PermissionLevel>> companies,
      Instant issuedAt,
      Duration lifetime) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("a token needs a subject (who acts), got: " + subject);
    }
    Objects.requireNonNull(companies, "companies");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a token's lifetime must be positive, got: " + lifetime);
    }
    return sign(
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .claim(ACTOR_TYPE_CLAIM, ACTOR_TYPE_USER)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(lifetime)))
            .claim(COMPANIES_CLAIM, companiesClaim(companies))
            .build());
  }

  /**
   * The claims of a {@link #mint} token for {@code subject} with {@code companies}' levels, valid
   * for {@code lifetime} from now, for a test to change before it {@link #sign signs} them.
   */
  public JWTClaimsSet.Builder claims(
      String subject, Map<UUID, Map<String, PermissionLevel>> companies, Duration lifetime) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(subject)
        .claim(ACTOR_TYPE_CLAIM, ACTOR_TYPE_USER)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .claim(COMPANIES_CLAIM, companiesClaim(companies));
  }

  /**
   * Signs exactly {@code claims}, with this issuer's key and header, whatever they say: tests use
   * it for tokens the services must refuse (no {@code exp}, another {@code iss}, ...).
   */
  public String sign(JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(key.getKeyID())
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private static Map<String, Object> companiesClaim(
      Map<UUID, Map<String, PermissionLevel>> companies) {
    Map<String, Object> claim = new LinkedHashMap<>();
    companies.forEach(
        (company, tools) -> {
          Objects.requireNonNull(company, "company id");
          Map<String, String> levels = new LinkedHashMap<>();
          tools.forEach(
              (tool, level) ->
                  levels.put(
                      Objects.requireNonNull(tool, "tool id"),
                      Objects.requireNonNull(level, "level of " + tool).name()));
          claim.put(company.toString(), levels);
        });
    return claim;
  }
}
