package com.serviceaccounts.security;

import com.serviceaccounts.contract.problem.ProblemCode;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report for requests it refuses itself, before any filter or controller sees them
 * (an encoded {@code /}, {@code \} or NUL in the path, say): a problem+json like every other
 * refusal, instead of Tomcat's HTML page. Errors of the application are still answered by it.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  ProblemErrorReportValve() {
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
    String message = response.getMessage();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatusCode.valueOf(status),
            status < 500
                ? "the request was refused before it reached the service: its URL or headers are"
                    + " malformed (for example an encoded '/', '\\' or NUL in the path)"
                    + (message == null || message.isBlank() ? "" : " (" + message + ")")
                : "the server could not process the request");
    problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + "malformed-request"));
    ProblemResponses.coded(
        problem, status < 500 ? ProblemCode.MALFORMED_REQUEST : ProblemCode.SERVER_ERROR);
    problem.setTitle(status < 500 ? "Malformed request" : "Server error");
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(ProblemResponses.toJson(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing more to say.
    }
  }

  /**
   * Puts the valve in place of the plain {@link ErrorReportValve} Spring Boot adds to the host. It
   * runs after Boot's own Tomcat customizer, so that its context customizer comes after the one
   * that adds Boot's valve.
   */
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
            pipeline.addValve(new ProblemErrorReportValve());
            if (host instanceof StandardHost standardHost) {
              standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
