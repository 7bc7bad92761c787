package com.serviceaccounts.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The development issuer of bearer tokens: an RSA key pair kept in a folder, and tokens in the
 * format both services accept. The services trust its {@link #publicKeyPem()} through {@code
 * spring.security.oauth2.resourceserver.jwt.public-key-location}.
 *
 * <p>Token format: RS256, claims {@code iss} ({@value #ISSUER}), {@code sub} (who acts, e.g. {@code
 * user:alice@acme.example}), {@code actor_type} ({@code user}), {@code iat}, {@code exp}, and
 * {@code companies}: company id → tool id → level, e.g. {@code {"0b6b…": {"admin": "ADMIN",
 * "directory": "ADMIN"}}}. A company absent is one the caller does not belong to; a tool absent is
 * {@code NONE}.
 */
public final class DevTokenIssuer {

  public static final String ISSUER = "service-accounts-dev";
  private static final String PRIVATE_KEY = "private.pem";
  private static final String PUBLIC_KEY = "public.pem";

  private final KeyPair keyPair;
  private final Path publicKeyPem;

  private DevTokenIssuer(KeyPair keyPair, Path publicKeyPem) {
    this.keyPair = keyPair;
    this.publicKeyPem = publicKeyPem;
  }

  /** The issuer whose keys live in {@code directory}, made there on first use. */
  public static DevTokenIssuer loadOrCreate(Path directory) {
    try {
      Files.createDirectories(directory);
      Path privatePem = directory.resolve(PRIVATE_KEY);
      Path publicPem = directory.resolve(PUBLIC_KEY);
      if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair fresh = generator.generateKeyPair();
        writePem(privatePem, "PRIVATE KEY", fresh.getPrivate().getEncoded());
        restrictToOwner(privatePem);
        writePem(publicPem, "PUBLIC KEY", fresh.getPublic().getEncoded());
      }
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem)));
      PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
      return new DevTokenIssuer(new KeyPair(publicKey, privateKey), publicPem.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the issuer's keys in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the issuer's keys in " + directory + " are unreadable", e);
    }
  }

  public Path publicKeyPem() {
    return publicKeyPem;
  }

  /** The value of {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
  public String publicKeyLocation() {
    return "file:" + publicKeyPem;
  }

  /**
   * A signed token for {@code subject} with {@code companies}' levels, valid for {@code lifetime}.
   */
  public String mint(
      String subject, Map<UUID, Map<String, PermissionLevel>> companies, Duration lifetime) {
    return mint(subject, companies, Instant.now(), lifetime);
  }

  /**
   * As {@link #mint(String, Map, Duration)}, issued at {@code issuedAt} (tests make old tokens).
   */
  public String mint(
      String subject,
      Map<UUID, Map<String, PermissionLevel>> companies,
      Instant issuedAt,
      Duration lifetime) {
    Map<String, Object> claim = new LinkedHashMap<>();
    companies.forEach(
        (company, tools) -> {
          Map<String, String> levels = new LinkedHashMap<>();
          tools.forEach((tool, level) -> levels.put(tool, level.name()));
          claim.put(company.toString(), levels);
        });
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .claim("actor_type", "user")
            .claim("companies", claim)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(lifetime)))
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("dev").build(), claims);
    try {
      jwt.sign(new RSASSASigner(keyPair.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  private static byte[] readPem(Path file) throws IOException {
    String pem = Files.readString(file);
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the folder's own permissions have to do
    }
  }
}
