package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenCommandTest {

  static final String COMPANY = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";

  @TempDir Path dataDirectory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsJustAVerifiableTokenWithTheDefaults() throws Exception {
    int exit = run("--company=" + COMPANY, "--data-dir=" + dataDirectory);

    assertThat(exit).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).matches("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
    SignedJWT jwt = SignedJWT.parse(printed.strip());
    DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(dataDirectory.resolve("issuer"));
    assertThat(jwt.verify(new RSASSAVerifier(publicKey(issuer)))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("service-accounts-dev");
    assertThat(claims.getSubject()).isEqualTo("user:admin@localhost");
    assertThat(claims.getStringClaim("actor_type")).isEqualTo("user");
    assertThat(claims.getJSONObjectClaim("companies"))
        .isEqualTo(Map.of(COMPANY, Map.of("admin", "ADMIN", "directory", "ADMIN")));
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(8));
    // a first run makes the key and says so, on stderr only
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("made a new one");
  }

  @Test
  void usesTheKeyTheLauncherMadeAndTheRequestedLevels() throws Exception {
    DevTokenIssuer launchers = DevTokenIssuer.loadOrCreate(dataDirectory.resolve("issuer"));

    int exit =
        run(
            "--company=" + COMPANY.toUpperCase(),
            "--subject=user:bob@acme.example",
            "--admin=READ_ONLY",
            "--directory=none",
            "--tool=reports:STANDARD",
            "--tool=erp-integrations:ADMIN",
            "--hours=1",
            "--data-dir=" + dataDirectory);

    assertThat(exit).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
    assertThat(jwt.verify(new RSASSAVerifier(publicKey(launchers)))).isTrue();
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(launchers.keyId());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("user:bob@acme.example");
    assertThat(claims.getJSONObjectClaim("companies"))
        .isEqualTo(
            Map.of(
                COMPANY,
                Map.of(
                    "admin", "READ_ONLY",
                    "directory", "NONE",
                    "reports", "STANDARD",
                    "erp-integrations", "ADMIN")));
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theDataFolderCanComeFromTheLaunchersSystemProperty() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("local-stack.data-dir", dataDirectory.toString());

    int exit =
        DevTokenCommand.run(
            new String[] {"--company=" + COMPANY},
            properties,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(dataDirectory.resolve("issuer/public.pem")).exists();
  }

  @Test
  void withoutACompanyItExplainsItself() {
    int exit = run("--data-dir=" + dataDirectory);
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Missing required option: '--company=UUID'", "Usage:");
    assertThat(dataDirectory.resolve("issuer")).doesNotExist();
  }

  @Test
  void wrongValuesAreNamed() {
    assertThat(run("--company=acme")).isEqualTo(2);
    assertThat(run("--company=" + COMPANY, "--admin=SUPER")).isEqualTo(2);
    assertThat(run("--company=" + COMPANY, "--tool=payroll:ADMIN")).isEqualTo(2);
    assertThat(run("--company=" + COMPANY, "--tool=reports")).isEqualTo(2);
    assertThat(run("--company=" + COMPANY, "--hours=0")).isEqualTo(2);
    assertThat(run("--company=" + COMPANY, "--colour=blue")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "option '--company': takes a company id",
            "option '--admin': expected one of [NONE, READ_ONLY, STANDARD, ADMIN]"
                + " (case-insensitive) but was 'SUPER'",
            "option '--tool' (ID:LEVEL): takes ID:LEVEL",
            "--hours takes a whole number",
            "Unknown option: '--colour=blue'");
  }

  @Test
  void helpGoesToStdout() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage:", "--company=UUID", "reports");
  }

  private int run(String... args) {
    return DevTokenCommand.run(
        args,
        new Properties(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static java.security.interfaces.RSAPublicKey publicKey(DevTokenIssuer issuer)
      throws Exception {
    return com.nimbusds.jose.jwk.JWKSet.parse(issuer.publicJwks())
        .getKeys()
        .get(0)
        .toRSAKey()
        .toRSAPublicKey();
  }
}
