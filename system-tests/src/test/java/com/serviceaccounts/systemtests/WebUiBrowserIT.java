package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed's steps in a real headless Chromium, against the running system: Company Settings →
 * Service Accounts → + New → the secret shown once → Edit → Update → the list and the history show
 * the change at once. Screenshots of each step go to {@code target/screenshots/}.
 */
class WebUiBrowserIT {

  static RunningSystem system;
  static Browser browser;

  private final UUID company = UUID.randomUUID();

  @BeforeAll
  static void start() {
    system = RunningSystem.shared();
    browser = Browser.open("web-ui");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void createSeeTheSecretOnceEditUpdateAndSeeTheChangeInTheListAndTheHistory() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    assertThat(browser.text("h1")).isEqualTo("Service Accounts");
    assertThat(browser.text(".count")).isEqualTo("0 service accounts");
    browser.screenshot("list-empty");

    browser.click("#new-account");
    browser.await("#account-form");
    // App Type: Custom is the default; the marketplace app is asked for only with Marketplace.
    assertThat(browser.find("#appType-custom").isSelected()).isTrue();
    assertThat(browser.find("#marketplace-field").isDisplayed()).isFalse();
    browser.type("#name", "ERP nightly sync");
    browser.type("#contactEmail", email());
    browser.screenshot("new-account-form");
    browser.click("#submit");

    browser.await("#client-secret");
    assertThat(browser.text("h1")).isEqualTo("Service account created");
    String clientId = browser.text("#client-id");
    String secret = browser.text("#client-secret");
    assertThat(clientId).startsWith("sa_");
    assertThat(secret).startsWith("sas_").hasSizeGreaterThan(30);
    assertThat(browser.text("#secret-warning")).contains("cannot be shown again");
    assertThat(browser.find("button[data-copy=client-secret]").isDisplayed()).isTrue();
    browser.screenshot("secret-shown-once");

    browser.click("#done");
    browser.await("#account-name");
    assertThat(browser.text("#account-name")).isEqualTo("ERP nightly sync");
    assertThat(browser.text("#client-id")).isEqualTo(clientId);
    assertThat(browser.driver.getPageSource()).doesNotContain(secret);

    // The seed's Edit → change App Type and Name → Update.
    browser.click("#edit");
    browser.await("#account-form");
    browser.click("#appType-marketplace");
    assertThat(browser.find("#marketplace-field").isDisplayed()).isTrue();
    new Select(browser.find("#marketplaceAppId")).selectByValue("sage-intacct");
    browser.type("#name", "ERP nightly sync (Sage, Zürich 東京)");
    browser.screenshot("edit-form");
    browser.click("#submit");

    // The page after Update shows the new values at once: it asked for the version just written.
    browser.await("#account-name");
    assertThat(browser.text("#account-name")).isEqualTo("ERP nightly sync (Sage, Zürich 東京)");
    assertThat(browser.text("#account-app-type")).isEqualTo("Marketplace · Sage Intacct");
    assertThat(browser.text(".notice")).isEqualTo("Saved.");
    browser.screenshot("updated");

    browser.click("nav a[href$='/service-accounts']");
    browser.await("table.accounts");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.accounts tbody tr"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText())
        .contains("ERP nightly sync (Sage, Zürich 東京)", "Marketplace", clientId);
    browser.screenshot("list-shows-the-change");

    rows.get(0).findElement(By.cssSelector("a")).click();
    browser.await("#history").click();
    browser.await("#timeline");
    WebElement edit = browser.find("#entry-2");
    assertThat(edit.findElement(By.cssSelector("h2")).getText()).startsWith("Edited");
    assertThat(edit.getText()).contains("admin@acme.example");
    assertThat(changes(edit))
        .containsExactly(
            "Name ERP nightly sync ERP nightly sync (Sage, Zürich 東京)",
            "App Type Custom Marketplace",
            "Marketplace app — Sage Intacct");
    assertThat(browser.find("#entry-1 h2").getText()).startsWith("Created");
    assertThat(browser.driver.getPageSource()).doesNotContain(secret);
    browser.screenshot("history-before-after");
    assertThat(system.output()).noneMatch(line -> line.contains(secret));
  }

  @Test
  void aRefusedFieldIsExplainedNextToItAndNothingIsStored() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    browser.click("#new-account");
    browser.await("#account-form");
    browser.type("#contactEmail", email());
    browser.click("#submit");

    WebElement error = browser.await("#name-error");
    assertThat(error.getText()).isEqualTo("Enter a name for the service account.");
    WebElement name = browser.find("#name");
    assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(name.getDomAttribute("aria-describedby")).isEqualTo("name-error");
    browser.screenshot("name-refused");

    browser.type("#name", "Marketplace without an app");
    browser.click("#appType-marketplace");
    browser.click("#submit");
    assertThat(browser.await("#marketplaceAppId-error").getText())
        .isEqualTo("Choose the marketplace app this account is used with.");
    assertThat(browser.find("#name").getDomProperty("value"))
        .isEqualTo("Marketplace without an app");
    browser.screenshot("marketplace-app-refused");

    browser.click("nav a[href$='/service-accounts']");
    assertThat(browser.await(".count").getText()).isEqualTo("0 service accounts");
  }

  @Test
  void permissionsRotationAndTheLifeCycleFromTheAccountPage() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    String firstSecret = createAccount("Timecard export");

    browser.click("#edit-permissions");
    browser.await("table.matrix");
    browser.click("#reports-READ_ONLY");
    browser.click("#timecard-STANDARD");
    browser.screenshot("permissions-matrix");
    browser.click("#save-permissions");
    browser.await("#account-name");
    assertThat(browser.text("table.permissions-read"))
        .contains("Reports Read Only", "Timecard Standard");

    browser.click("#rotate");
    browser.await("#confirm").click();
    String secondSecret = browser.await("#client-secret").getText();
    assertThat(secondSecret).startsWith("sas_").isNotEqualTo(firstSecret);
    browser.screenshot("rotated-secret");
    browser.click("#done");

    browser.await("#deactivate").click();
    browser.awaitText("#account-status", "Deactivated");
    browser.click("#reactivate");
    browser.awaitText("#account-status", "Active");

    browser.click("#delete");
    browser.await("#confirm").click();
    assertThat(browser.await(".notice").getText()).startsWith("Deleted.");
    assertThat(browser.text(".count")).isEqualTo("0 service accounts");

    // Status: Deleted lists it again (htmx swaps the results in), and it can be restored.
    browser.click("input[name=status][value=DELETED]");
    browser.awaitText(".count", "1 service account");
    assertThat(browser.driver.getCurrentUrl()).contains("status=DELETED");
    browser.screenshot("deleted-filter");
    browser.click("table.accounts tbody a");
    browser.await("#restore").click();
    browser.awaitText("#account-status", "Active");

    browser.click("#history");
    browser.await("#timeline");
    assertThat(
            browser
                .driver
                .findElements(By.cssSelector("#timeline > li > h2 > span:first-child"))
                .stream()
                .map(WebElement::getText))
        .containsExactly(
            "Restored",
            "Deleted",
            "Reactivated",
            "Deactivated",
            "Secret rotated",
            "Permissions changed",
            "Created");
  }

  @Test
  void searchNarrowsTheListAsYouType() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    createAccount("Payroll bridge");
    createAccount("Document archive");
    browser.click("nav a[href$='/service-accounts']");
    assertThat(browser.await(".count").getText()).isEqualTo("2 service accounts");

    browser.find("#q").sendKeys("payroll");
    browser.awaitText(".count", "1 service account");
    assertThat(browser.text("table.accounts tbody")).contains("Payroll bridge");
    assertThat(browser.driver.getCurrentUrl()).contains("q=payroll");
    browser.screenshot("search");
  }

  @Test
  void aReadOnlyUserSeesTheListButNoChangesAndAUserWithoutAccessSeesNothing() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    createAccount("Read-only view");

    signIn("viewer@acme.example", "READ_ONLY", "NONE");
    assertThat(browser.await(".count").getText()).isEqualTo("1 service account");
    assertThat(browser.present("#new-account")).isFalse();
    assertThat(browser.present("#read-only-note")).isTrue();
    browser.screenshot("read-only-list");
    browser.click("table.accounts tbody a");
    browser.await("#account-name");
    assertThat(browser.present("#edit")).isFalse();
    assertThat(browser.present("#delete")).isFalse();

    signIn("outsider@acme.example", "NONE", "NONE");
    assertThat(browser.await("h1").getText()).isEqualTo("No access");
    assertThat(browser.driver.getPageSource()).doesNotContain("Read-only view");
    browser.screenshot("no-access");
  }

  @Test
  void onAPhoneTheListAndAnAccountFitTheScreen() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    createAccount("Field inspections app");
    browser.windowSize(390, 844);
    try {
      browser.click("nav a[href$='/service-accounts']");
      browser.await("table.accounts");
      assertThat(fitsTheWidth()).isTrue();
      browser.screenshot("phone-list");
      browser.click("table.accounts tbody a");
      browser.await("#account-name");
      assertThat(fitsTheWidth()).isTrue();
      browser.screenshot("phone-account");
    } finally {
      browser.windowSize(1280, 900);
    }
  }

  @Test
  void theActivityChartShowsTheLastThirtyDays() {
    signIn("admin@acme.example", "ADMIN", "ADMIN");
    createAccount("Chart one");
    browser.click("#edit");
    browser.await("#account-form");
    browser.type("#name", "Chart one, renamed");
    browser.click("#submit");
    browser.await("#account-name");

    browser.click("nav a[href$='/activity']");
    browser.await("svg.chart");
    List<WebElement> bars = browser.driver.findElements(By.cssSelector("svg.chart rect.bar"));
    assertThat(bars).hasSizeBetween(30, 31);
    assertThat(browser.text(".hint")).isEqualTo("2 changes in all");
    browser.screenshot("activity-chart");
  }

  private void signIn(String email, String adminLevel, String directoryLevel) {
    browser.driver.manage().deleteAllCookies();
    browser.go(system.webUi.baseUri().resolve("/sign-in").toString());
    browser.type("#email", email);
    browser.type("#companyId", company.toString());
    new Select(browser.find("#adminLevel")).selectByValue(adminLevel);
    new Select(browser.find("#directoryLevel")).selectByValue(directoryLevel);
    browser.clickAndLeave("form button[type=submit]");
    browser.await("h1");
  }

  /** Creates an account through the UI and ends on its page; returns the secret shown once. */
  private String createAccount(String name) {
    browser.go(
        system
            .webUi
            .baseUri()
            .resolve("/companies/" + company + "/service-accounts/new")
            .toString());
    browser.await("#account-form");
    browser.type("#name", name);
    browser.type("#contactEmail", email());
    browser.click("#submit");
    String secret = browser.await("#client-secret").getText();
    browser.click("#done");
    browser.await("#account-name");
    return secret;
  }

  private static List<String> changes(WebElement entry) {
    return entry.findElements(By.cssSelector("table.changes tbody tr")).stream()
        .map(row -> row.getText().replace('\n', ' '))
        .toList();
  }

  private boolean fitsTheWidth() {
    Object fits =
        browser.driver.executeScript(
            "return document.documentElement.scrollWidth <= window.innerWidth;");
    return Boolean.TRUE.equals(fits);
  }

  private static String email() {
    return "integration-" + UUID.randomUUID() + "@acme.example";
  }
}
