package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.localstack.Ports;
import com.serviceaccounts.localstack.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's steps in a real headless Chromium, signed in through a real OpenID Connect provider's
 * own login page: the web UI (a process of its own, with the provider as its only sign-in) sends
 * the person there, takes them back signed in with the levels the claim mapping gives their group,
 * and calls the APIs with their token, so the audit trail names them. Signing out ends the
 * provider's session too; a person in no mapped group sees the "no access" page. Each provider
 * ({@link OidcProviderSignInBrowserIT}, {@link KeycloakSignInBrowserIT}) runs the same steps.
 */
abstract class OidcSignInBrowserTest {

  static final String CLIENT_ID = "service-accounts-web-ui";
  static final String CLIENT_SECRET = "web-ui-test-secret-" + UUID.randomUUID();

  /** Signed in as {@code alice@acme.example}, in the mapped group. */
  static final String ALICE = "alice";

  /** {@code bob@acme.example}, in a group the mapping does not name. */
  static final String BOB = "bob";

  static final String PASSWORD = "correct-horse-battery-staple";

  /** The web UI's port, known before it starts: the provider is told its redirect URIs. */
  static final int UI_PORT = Ports.anyFree();

  static URI ui() {
    return URI.create("http://127.0.0.1:" + UI_PORT);
  }

  /** The web UI with {@code issuer} as its only sign-in, calling the shared system's APIs. */
  static ServiceProcess webUi(RunningSystem system, String issuer) {
    String registration = "--spring.security.oauth2.client.registration.acme.";
    List<String> arguments = new ArrayList<>();
    arguments.add("--service-accounts.ui.command-service-url=" + system.commandService.baseUri());
    arguments.add("--service-accounts.ui.query-service-url=" + system.queryService.baseUri());
    arguments.add(registration + "client-id=" + CLIENT_ID);
    arguments.add(registration + "client-secret=" + CLIENT_SECRET);
    arguments.add(registration + "client-name=Acme");
    arguments.add(registration + "scope=openid,profile,email");
    arguments.add("--spring.security.oauth2.client.provider.acme.issuer-uri=" + issuer);
    arguments.addAll(TestIdentityProviders.trust());
    ServiceProcess.Builder builder =
        ServiceProcess.builder("web-ui-oidc", Path.of(System.getProperty("web-ui.jar")))
            .port(UI_PORT)
            .jvmOption("-Xmx256m");
    arguments.forEach(builder::argument);
    return builder.build();
  }

  static RunningSystem system;
  static ServiceProcess webUi;
  static Browser browser;

  /** Where the provider's login page asks for the name and password, and its submit button. */
  record LoginForm(String username, String password, String submit) {}

  /** The company the provider's people are mapped to. */
  abstract UUID company();

  abstract LoginForm loginForm();

  /** Whether the page is the provider's login page. */
  abstract boolean atTheProvidersLoginPage(Browser browser);

  @AfterAll
  static void closeTheBrowserAndTheUi() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (webUi != null) {
      webUi.close();
      webUi = null;
    }
  }

  /** The provider's login page: fills in the person's name and password and submits. */
  private void logInAtTheProvider(String username) {
    LoginForm form = loginForm();
    browser.await(form.username());
    browser.type(form.username(), username);
    browser.type(form.password(), PASSWORD);
    browser.screenshot("provider-login-" + username);
    browser.click(form.submit());
  }

  @Test
  void signInThroughTheProvidersLoginPageFollowTheSeedAndSignOut() {
    UUID company = company();
    signedOutEverywhere(browser);
    browser.go(ui().resolve("/").toString());
    browser.await("a[href$='/oauth2/authorization/acme']");
    assertThat(browser.present("#email")).as("no development sign-in").isFalse();
    browser.screenshot("sign-in-page");
    browser.click("a[href$='/oauth2/authorization/acme']");
    logInAtTheProvider(ALICE);

    // Back in the UI, on the only company the mapping gives.
    awaitAddress(browser, ui().resolve("/companies/" + company + "/service-accounts").toString());
    browser.await("h1");
    assertThat(browser.text("h1")).isEqualTo("Service Accounts");
    assertThat(browser.driver.getPageSource()).contains("alice@acme.example");
    browser.screenshot("signed-in");

    String name = "Provider sync " + UUID.randomUUID().toString().substring(0, 8);
    browser.click("#new-account");
    browser.await("#account-form");
    browser.type("#name", name);
    browser.type("#contactEmail", "integration-" + UUID.randomUUID() + "@acme.example");
    browser.click("#submit");

    browser.await("#client-secret");
    String secret = browser.text("#client-secret");
    assertThat(secret).startsWith("sas_");
    assertThat(browser.text("#secret-warning")).contains("cannot be shown again");
    browser.screenshot("secret-shown-once");
    browser.click("#done");
    browser.await("#account-name");
    assertThat(browser.driver.getPageSource()).doesNotContain(secret);

    browser.click("#edit");
    browser.await("#account-form");
    browser.click("#appType-marketplace");
    new Select(browser.find("#marketplaceAppId")).selectByValue("sage-intacct");
    browser.type("#name", name + " (Sage)");
    browser.click("#submit");
    browser.await("#account-name");
    assertThat(browser.text("#account-name")).isEqualTo(name + " (Sage)");
    assertThat(browser.text(".notice")).isEqualTo("Saved.");

    // The audit trail names the person the provider signed in, not the UI.
    browser.click("#history");
    browser.await("#timeline");
    WebElement edit = browser.find("#entry-2");
    assertThat(edit.findElement(By.cssSelector("h2")).getText()).startsWith("Edited");
    assertThat(edit.getText()).contains("alice@acme.example");
    assertThat(browser.find("#entry-1").getText()).contains("alice@acme.example");
    browser.screenshot("history-names-the-person");
    assertThat(system.output()).noneMatch(line -> line.contains(secret));

    // Signing out ends the provider's session too: signing in again asks for the password.
    browser.click("form[action$='/sign-out'] button");
    awaitAddress(browser, ui().resolve("/sign-in?signedOut").toString());
    assertThat(browser.text("main")).contains("You have signed out.");
    browser.screenshot("signed-out");
    browser.go(ui().resolve("/companies/" + company + "/service-accounts").toString());
    browser.await("a[href$='/oauth2/authorization/acme']").click();
    browser.await("input[name=password]");
    assertThat(atTheProvidersLoginPage(browser)).isTrue();
  }

  @Test
  void aPersonInNoMappedGroupSeesNoAccess() {
    UUID company = company();
    signedOutEverywhere(browser);
    browser.go(ui().resolve("/sign-in").toString());
    browser.await("a[href$='/oauth2/authorization/acme']").click();
    logInAtTheProvider(BOB);
    awaitAddress(browser, ui().resolve("/no-access").toString());
    browser.await("h1");
    assertThat(browser.text("h1")).isEqualTo("No access");
    assertThat(browser.text("#no-access-reason")).contains("bob@acme.example");
    browser.screenshot("no-access");
    // Not signed in: the pages send them back to the sign-in.
    browser.go(ui().resolve("/companies/" + company + "/service-accounts").toString());
    awaitAddress(browser, ui().resolve("/sign-in").toString());
    browser.await("a[href$='/oauth2/authorization/acme']");
  }

  /**
   * Forgets every cookie, the provider's too (WebDriver's own deletion reaches only the cookies of
   * the page shown, not Keycloak's under {@code /realms/…}): nobody is signed in anywhere.
   */
  static void signedOutEverywhere(Browser browser) {
    browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /**
   * Waits until the browser is at an address starting with {@code prefix}: a redirect through the
   * provider ends after the click returns. Up to 30 s, a bound for a loaded machine.
   */
  static void awaitAddress(Browser browser, String prefix) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(30))
        .until(driver -> driver.getCurrentUrl().startsWith(prefix));
  }
}
