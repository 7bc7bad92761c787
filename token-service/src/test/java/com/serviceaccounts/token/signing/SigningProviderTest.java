package com.serviceaccounts.token.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.localstack.TokenSigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens are signed by the native provider where it loads, the JDK verifies what it signs, and the
 * service signs with the JDK's own providers where the native library does not load or the switch
 * is off.
 */
class SigningProviderTest {

  private static final String NATIVE = "AmazonCorrettoCryptoProvider";

  @TempDir Path folder;

  @AfterEach
  void jdkProvidersOnly() {
    SigningProvider.install(false, SignatureAlgorithm.ES256);
  }

  @Test
  void onLinuxX8664TheNativeProviderSignsWhatTheJdkVerifies() throws Exception {
    assumeTrue(nativeLibraryBuiltFor(System.getProperty("os.name"), System.getProperty("os.arch")));

    assertThat(SigningProvider.install(true, SignatureAlgorithm.ES256)).isEqualTo(NATIVE);
    assertThat(SigningProvider.providerOf(SignatureAlgorithm.RS256)).isEqualTo(NATIVE);

    AccessTokenKeys ec =
        AccessTokenKeys.read(
            TokenSigningKeys.loadOrCreate(folder.resolve("ec")).directory(),
            SignatureAlgorithm.ES256,
            List.of());
    ECDSAVerifier jdkEc = new ECDSAVerifier(((ECKey) ec.jwkSet().getKeys().get(0)).toECPublicKey());
    jdkEc.getJCAContext().setProvider(Security.getProvider("SunEC"));
    assertVerifiedByTheJdk(ec, jdkEc);

    AccessTokenKeys rsa =
        AccessTokenKeys.read(
            DevTokenIssuer.loadOrCreate(folder.resolve("rsa")).publicKeyPem().getParent(),
            SignatureAlgorithm.RS256,
            List.of());
    RSASSAVerifier jdkRsa =
        new RSASSAVerifier(((RSAKey) rsa.jwkSet().getKeys().get(0)).toRSAPublicKey());
    jdkRsa.getJCAContext().setProvider(Security.getProvider("SunRsaSign"));
    assertVerifiedByTheJdk(rsa, jdkRsa);
  }

  @Test
  void switchedOffTheJdkSigns() {
    SigningProvider.install(true, SignatureAlgorithm.ES256);

    assertThat(SigningProvider.install(false, SignatureAlgorithm.ES256)).isEqualTo("SunEC");
    assertThat(SigningProvider.providerOf(SignatureAlgorithm.RS256)).isEqualTo("SunRsaSign");
    assertThat(Security.getProvider(NATIVE)).isNull();
  }

  @Test
  void withoutItsNativeLibraryTheJdkSigns() throws Exception {
    // A JVM told not to load the bundled library is one where it cannot load (another platform).
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true",
                "-cp",
                System.getProperty("java.class.path"),
                InstallInAnotherJvm.class.getName())
            .redirectErrorStream(true)
            .start();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(jvm.exitValue()).as(output).isZero();
    assertThat(output.lines().toList()).as(output).endsWith("ES256 SunEC", "RS256 SunRsaSign");
  }

  private static boolean nativeLibraryBuiltFor(String os, String arch) {
    return os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  private static void assertVerifiedByTheJdk(AccessTokenKeys keys, JWSVerifier jdk)
      throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(SignedJWT.parse(AccessTokenKeysTest.sign(keys)).verify(jdk)).isTrue();
    }
  }

  /** Installs the provider as the service does and prints who signs each algorithm. */
  static final class InstallInAnotherJvm {
    public static void main(String[] args) {
      System.out.println("ES256 " + SigningProvider.install(true, SignatureAlgorithm.ES256));
      System.out.println("RS256 " + SigningProvider.providerOf(SignatureAlgorithm.RS256));
    }
  }
}
