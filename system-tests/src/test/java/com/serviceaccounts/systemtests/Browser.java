package com.serviceaccounts.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through its chromedriver (both in {@code /usr/bin}; {@code
 * .ci/run} installs them), with a screenshot of each step saved under {@code screenshots.dir}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path screenshots;
  private final Path profile;
  private final AtomicInteger shots = new AtomicInteger();

  private Browser(ChromeDriver driver, Path screenshots, Path profile) {
    this.driver = driver;
    this.screenshots = screenshots;
    this.profile = profile;
  }

  /**
   * A new browser with an empty profile.
   *
   * @throws IllegalStateException naming what to install, when Chromium or its driver is missing
   */
  static Browser open(String screenshotFolder) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "); bash .ci/run installs them: apt-get install chromium chromium-driver");
    }
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile,
          "--window-size=1280,900");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
              .usingAnyFreePort()
              .build();
      Path screenshots =
          Path.of(System.getProperty("screenshots.dir", "target/screenshots"))
              .resolve(screenshotFolder);
      Files.createDirectories(screenshots);
      return new Browser(new ChromeDriver(service, options), screenshots, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void go(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  String text(String css) {
    return find(css).getText();
  }

  void click(String css) {
    find(css).click();
  }

  /**
   * Clicks {@code css} and waits until the page it was on has gone, so that what is looked for next
   * is found on the page the click led to.
   */
  void clickAndLeave(String css) {
    WebElement element = find(css);
    element.click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.stalenessOf(element));
  }

  /**
   * Waits up to 30 s for {@code css} to show exactly {@code text}: an element of the page a click
   * is replacing is looked at again in the new one, and a wrong text fails with what was shown.
   */
  void awaitText(String css, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Waits for {@code css} to match a visible element: up to 30 s, a bound for a loaded machine, not
   * a measure of speed. A match in a page that the browser is replacing (after a redirect, Chrome
   * may answer "Node with given id does not belong to the document") is looked for again.
   */
  WebElement await(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void windowSize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a screenshot of the page as {@code NN-<name>.png} and returns its path. */
  Path screenshot(String name) {
    Path file = screenshots.resolve(String.format("%02d-%s.png", shots.incrementAndGet(), name));
    try {
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
