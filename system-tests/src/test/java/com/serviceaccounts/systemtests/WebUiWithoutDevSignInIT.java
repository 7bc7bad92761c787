package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.localstack.Ports;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.systemtests.RawHttp.Answer;
import com.serviceaccounts.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The web UI's jar is the product: it holds no development tool, and without the development
 * sign-in add-on (which the local stack and the other system tests put beside it on the classpath)
 * it starts and its sign-in page says that sign-in is not set up, even with the issuer's key
 * configured.
 */
class WebUiWithoutDevSignInIT {

  private static final Path JAR = Path.of(System.getProperty("web-ui.jar"));

  @Test
  void theJarHoldsNoDevelopmentIssuer() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(JarEntry::getName))
          .isNotEmpty()
          .noneMatch(
              name ->
                  name.contains("com/serviceaccounts/devissuer/")
                      || name.startsWith("BOOT-INF/lib/dev-issuer"));
    }
  }

  @Test
  void withoutTheAddOnItStartsAndSignsNobodyIn() throws Exception {
    try (ServiceProcess ui =
        ServiceProcess.builder("web-ui-without-dev-sign-in", JAR)
            .port(Ports.anyFree())
            .jvmOption("-Xmx256m")
            .argument(
                "--service-accounts.ui.dev-sign-in.key-directory="
                    + TestTokens.publicKeyPem().getParent())
            .build()) {
      ui.startAndAwaitHealthy(Duration.ofMinutes(3));

      Answer page =
          RawHttp.exchange(
              ui.baseUri(), RawHttp.head("GET", "/sign-in", "Accept: text/html"), null);

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).contains("id=\"sign-in-unavailable\"", "Sign-in is not set up");
      assertThat(page.text()).doesNotContain("name=\"email\"");
    }
  }
}
