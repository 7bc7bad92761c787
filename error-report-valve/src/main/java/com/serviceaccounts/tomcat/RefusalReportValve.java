package com.serviceaccounts.tomcat;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.http.parser.Host;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat's error report for requests it refuses itself, before any filter or controller sees them
 * (a control character in a header, an encoded {@code /}, {@code \} or NUL in the path, a header
 * too large): an answer in the application's own form instead of Tomcat's page, which names the
 * server. Errors of the application are still answered by it. Hand-written because Tomcat's report
 * can only be switched between its own page and a file on disk.
 */
public abstract class RefusalReportValve extends ErrorReportValve {

  /** How Tomcat's refusals begin, and what each says in the application's words. */
  private static final Map<String, String> TOMCAT_REFUSALS =
      Map.of(
          "Request header is too large",
          "its request line and headers are over 8 KB (the limit on all of them together)",
          "Invalid character found in the request target",
          "its address holds a character that must be percent-encoded (a space, a control"
              + " character, one outside ASCII, or one of \" < > [ \\ ] ^ ` { | })",
          "Invalid character found in method name",
          "its method is not an HTTP method name",
          "Invalid character found in the HTTP protocol",
          "its request line does not end in an HTTP version",
          "The HTTP header line",
          "a line of its headers is not a header (a name, a colon and a value of visible"
              + " characters, spaces and tabs)",
          "Invalid end of line sequence",
          "a line of its headers does not end in CR LF");

  protected RefusalReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  /** The answer's media type. */
  protected abstract String contentType();

  /**
   * The answer's {@code Content-Security-Policy}: by default nothing may be loaded or framed; a
   * page with a stylesheet of its own says so.
   */
  protected String contentSecurityPolicy() {
    return "default-src 'none'; frame-ancestors 'none'";
  }

  /**
   * The answer's body.
   *
   * @param message Tomcat's message about the refusal, if any
   */
  protected abstract String body(int status, String message);

  /**
   * The answer's body to a request for {@code path} (as the client sent it; null when Tomcat could
   * not read the address): by default {@link #body(int, String)}; an application whose answers
   * differ by path says so.
   */
  protected String body(String path, int status, String message) {
    return body(status, message);
  }

  /**
   * Refuses a path with a {@code %} not followed by two hex digits before any filter reads it:
   * Tomcat refuses such a path itself, but not in a path parameter ({@code /x;%zz}), which Spring
   * then fails to decode wherever it parses the path (a 500, and a stack trace logged each time).
   */
  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (!wellEncoded(request.getRequestURI())) {
      response.sendError(
          HttpServletResponse.SC_BAD_REQUEST,
          "its path is not percent-encoded: a % must be followed by two hex digits");
      response.setSuspended(false); // sendError suspends the response, as the super's invoke undoes
      report(request, response, null);
      return;
    }
    super.invoke(request, response);
  }

  /** Whether every {@code %} of {@code uri} is followed by two ASCII hex digits. */
  static boolean wellEncoded(String uri) {
    if (uri == null) {
      return true;
    }
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length()
          || !HexFormat.isHexDigit(uri.charAt(i + 1))
          || !HexFormat.isHexDigit(uri.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What Tomcat's exception says is wrong, in the application's words, or null: its own messages
   * quote the request (the whole address), which an answer repeats only escaped and cut.
   */
  static String named(Throwable refusal) {
    String said = refusal == null ? "" : String.valueOf(refusal.getMessage());
    return TOMCAT_REFUSALS.entrySet().stream()
        .filter(refused -> said.startsWith(refused.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /**
   * What is wrong with the headers of a request Tomcat refused after reading them, or null: for
   * these Tomcat sets the status alone, with no message nor exception.
   */
  static String namedByHeaders(Request request) {
    if (count(request, "Host") > 1) {
      return "it has more than one Host header";
    }
    if (count(request, "Content-Length") > 1) {
      return "it has more than one Content-Length header";
    }
    String length = request.getHeader("Content-Length");
    if (length != null && !length.matches("[0-9]{1,18}")) {
      return "its Content-Length is not a number of bytes";
    }
    String host = request.getHeader("Host");
    if (host == null && "HTTP/1.1".equals(request.getProtocol())) {
      return "it has no Host header";
    }
    if (host != null && !hostAndPort(host)) {
      return "its Host header is not a host name or address with an optional port";
    }
    if (AbsoluteFormTarget.namesAnotherHost(request)) {
      return "its request target names another host than its Host header";
    }
    String coding = request.getHeader("Transfer-Encoding");
    if (coding != null
        && (count(request, "Transfer-Encoding") > 1
            || !coding.strip().equalsIgnoreCase("chunked"))) {
      return "its Transfer-Encoding is not one this service takes; send chunked once, or none";
    }
    int most =
        request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11
            ? http11.getMaxHeaderCount()
            : -1;
    if (most >= 0 && request.getCoyoteRequest().getMimeHeaders().size() >= most) {
      return "it has more than " + most + " headers";
    }
    return null;
  }

  /** Whether {@code host} is what Tomcat takes: a host name or address, and a port up to 65535. */
  private static boolean hostAndPort(String host) {
    try {
      int colon = Host.parse(host);
      return colon < 0
          || (host.length() - colon - 1 <= 5
              && Integer.parseInt(host.substring(colon + 1)) <= 65535);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static int count(Request request, String header) {
    return Collections.list(request.getHeaders(header)).size();
  }

  @Override
  protected final void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String message = response.getMessage();
    if (message == null || message.isBlank()) {
      message =
          named(
              throwable != null
                  ? throwable
                  : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t
                      ? t
                      : null);
    }
    if ((message == null || message.isBlank()) && status == HttpServletResponse.SC_BAD_REQUEST) {
      message = namedByHeaders(request);
    }
    // Tomcat answers a CONNECT request or a transfer coding it does not know with 501 and an HTTP
    // version it does not speak with 505: each is the client's doing, and a client's mistake is a
    // 4xx like every other.
    if (status == HttpServletResponse.SC_NOT_IMPLEMENTED) {
      status = HttpServletResponse.SC_BAD_REQUEST;
      message =
          request.getHeader("Transfer-Encoding") != null
              ? "its Transfer-Encoding is not one this service takes; send chunked or none"
              : "its method is not one this service takes";
    } else if (status == HttpServletResponse.SC_EXPECTATION_FAILED) {
      message =
          "its Expect header asks for what this service does not do; send 100-continue or none";
    } else if (status == HttpServletResponse.SC_HTTP_VERSION_NOT_SUPPORTED) {
      status = HttpServletResponse.SC_BAD_REQUEST;
      message = "its HTTP version is not one this service speaks; send HTTP/1.1";
    }
    response.setStatus(status);
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType(contentType());
      response.setCharacterEncoding("utf-8");
      secure(response, contentSecurityPolicy());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body(request.getRequestURI(), status, message));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing more to say.
    }
  }

  /**
   * Sets the headers every other answer of the application carries on a refusal made before its own
   * filters write them: it is not framed, sniffed as another type, nor kept.
   */
  public static void secure(HttpServletResponse response, String contentSecurityPolicy) {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-store");
  }

  /**
   * Puts a valve in place of the plain {@link ErrorReportValve} Spring Boot adds to the host. It
   * runs after Boot's own Tomcat customizer, so that its context customizer comes after the one
   * that adds Boot's valve.
   */
  public static final class Installer
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final Supplier<? extends RefusalReportValve> valve;

    /**
     * @param valve a new valve; the host finds it in its pipeline by its class name, so it creates
     *     none of its own
     */
    public Installer(Supplier<? extends RefusalReportValve> valve) {
      this.valve = valve;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Container host = context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve existing : pipeline.getValves()) {
              if (existing instanceof ErrorReportValve) {
                pipeline.removeValve(existing);
              }
            }
            RefusalReportValve installed = valve.get();
            pipeline.addValve(installed);
            if (host instanceof StandardHost standardHost) {
              standardHost.setErrorReportValveClass(installed.getClass().getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
