package com.serviceaccounts.ui.errors;

import com.serviceaccounts.tomcat.RefusalReportValve;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's own refusals (a control character in a header, an encoded {@code /} in the path, a
 * header too large) as a plain page in the UI's style. Errors of the application still get the UI's
 * error page.
 */
final class PageErrorReportValve extends RefusalReportValve {

  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Something went wrong · Service Accounts</title>
        <link rel="stylesheet" href="/css/app.css">
      </head>
      <body>
      <main id="main" class="narrow">
        <h1>This address can't be opened</h1>
        <p>The address or the request holds characters that are not allowed.</p>
        <p><a href="/">Back to Service Accounts</a></p>
      </main>
      </body>
      </html>
      """;

  @Override
  protected String contentType() {
    return "text/html";
  }

  @Override
  protected String body(int status, String message) {
    return PAGE;
  }

  @Configuration(proxyBeanMethods = false)
  static class Installation {

    @Bean
    RefusalReportValve.Installer pageErrorReportValve() {
      return new RefusalReportValve.Installer(PageErrorReportValve::new);
    }
  }
}
