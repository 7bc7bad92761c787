package com.serviceaccounts.ui.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's error report for requests it refuses itself, before Spring sees them (a control
 * character in a header, an encoded {@code /} in the path, a header too large): a plain page in the
 * UI's style instead of Tomcat's own, which names the server. Errors of the application still get
 * the UI's error page. Hand-written because Tomcat's report can only be switched between its own
 * page and a file on disk.
 */
final class PageErrorReportValve extends ErrorReportValve {

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

  PageErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType("text/html");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(PAGE);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing more to say.
    }
  }

  /**
   * Puts the valve in place of the plain {@link ErrorReportValve} Spring Boot adds to the host,
   * after Boot's own Tomcat customizer has added it.
   */
  @Component
  static final class Installer
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Container host = context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
              if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
              }
            }
            pipeline.addValve(new PageErrorReportValve());
            if (host instanceof StandardHost standardHost) {
              standardHost.setErrorReportValveClass(PageErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
