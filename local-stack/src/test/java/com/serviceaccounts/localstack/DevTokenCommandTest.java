package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenCommandTest {

  @TempDir Path dataDirectory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsATokenWithTheRequestedLevels() throws Exception {
    int exit =
        DevTokenCommand.run(
            new String[] {
              "--company=0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11",
              "--directory=READ_ONLY",
              "--tool=reports:STANDARD",
              "--data-dir=" + dataDirectory
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user:admin@localhost");
    assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("companies"))
        .isEqualTo(
            Map.of(
                "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11",
                Map.of("admin", "ADMIN", "directory", "READ_ONLY", "reports", "STANDARD")));
    assertThat(dataDirectory.resolve("issuer/public.pem")).exists();
  }

  @Test
  void withoutACompanyItExplainsItself() {
    int exit =
        DevTokenCommand.run(
            new String[] {"--data-dir=" + dataDirectory},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--company is required", "Usage:");
  }
}
