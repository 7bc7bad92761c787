package com.serviceaccounts.systemtests;

import com.serviceaccounts.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link OidcSignInBrowserTest} with the oidc-provider module (Spring Authorization Server), which
 * runs wherever the build does: its people and the web UI's client registration come from a file,
 * as a company's provider is configured.
 */
class OidcProviderSignInBrowserIT extends OidcSignInBrowserTest {

  static ServiceProcess provider;

  @BeforeAll
  static void start() throws IOException {
    system = RunningSystem.shared();
    Path configuration = Files.createTempFile("oidc-provider-", ".yml");
    configuration.toFile().deleteOnExit();
    Files.writeString(configuration, configuration());
    provider =
        ServiceProcess.builder("oidc-provider", Path.of(System.getProperty("oidc-provider.jar")))
            .port(TestIdentityProviders.OIDC_PROVIDER_PORT)
            .jvmOption("-Xmx192m")
            .argument("--spring.config.additional-location=file:" + configuration)
            .build();
    provider.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
    // The UI reads the provider's OpenID configuration when it starts.
    webUi = webUi(system, TestIdentityProviders.oidcProviderIssuer());
    webUi.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
    browser = Browser.open("oidc-provider-sign-in");
  }

  @AfterAll
  static void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  @Override
  UUID company() {
    return TestIdentityProviders.OIDC_PROVIDER_COMPANY;
  }

  @Override
  LoginForm loginForm() {
    return new LoginForm("input[name=username]", "input[name=password]", "button[type=submit]");
  }

  @Override
  boolean atTheProvidersLoginPage(Browser browser) {
    return browser
        .driver
        .getCurrentUrl()
        .startsWith(TestIdentityProviders.oidcProviderIssuer() + "/login");
  }

  /** The provider's issuer, the web UI as its client, and Alice and Bob. */
  private static String configuration() {
    return """
        spring:
          security:
            oauth2:
              authorizationserver:
                issuer: %1$s
                client:
                  web-ui:
                    registration:
                      client-id: %2$s
                      client-secret: "{noop}%3$s"
                      client-authentication-methods: [client_secret_basic]
                      authorization-grant-types: [authorization_code, refresh_token]
                      redirect-uris: ["%4$s/login/oauth2/code/acme"]
                      post-logout-redirect-uris: ["%4$s/sign-in?signedOut"]
                      scopes: [openid, profile, email]
                    require-proof-key: true
        oidc-provider:
          people:
            - username: %5$s
              password: "{noop}%7$s"
              email: alice@acme.example
              name: Alice Example
              groups: [%8$s, everyone]
            - username: %6$s
              password: "{noop}%7$s"
              email: bob@acme.example
              name: Bob Example
              groups: [contractors, everyone]
        """
        .formatted(
            TestIdentityProviders.oidcProviderIssuer(),
            CLIENT_ID,
            CLIENT_SECRET,
            ui(),
            ALICE,
            BOB,
            PASSWORD,
            TestIdentityProviders.ADMINS);
  }
}
