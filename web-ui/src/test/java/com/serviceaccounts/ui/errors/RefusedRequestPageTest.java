package com.serviceaccounts.ui.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import com.serviceaccounts.ui.api.ServiceAccountsApi;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A request Tomcat refuses before the UI reads it gets the UI's page in the UI's layout, with the
 * links of an application under a context path; one with a parameter the UI refuses before it reads
 * it gets the UI's error page naming the parameter. Both with the headers of every page.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "server.servlet.context-path=/admin")
class RefusedRequestPageTest {

  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

  @LocalServerPort int port;

  @MockitoBean ServiceAccountsApi api;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anEncodedSlashOrNulInThePathGetsTheRefusalPageInTheLayout() throws Exception {
    HttpResponse<String> signIn = get("/admin/sign-in");

    for (String path : new String[] {"/admin/sign-in%2Fx", "/admin/sign-in%00"}) {
      HttpResponse<String> refused = get(path);

      assertThat(refused.statusCode()).as(path).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(refused.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(refused.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
      assertThat(refused.body())
          .as(path)
          .startsWith("<!DOCTYPE html>")
          .contains("<html lang=\"en\">")
          .contains("<title>Something went wrong · Service Accounts</title>")
          .contains("<link rel=\"stylesheet\" href=\"/admin/css/app.css\">")
          .contains("<main id=\"main\" class=\"narrow\">")
          .contains("<h1>This address can&#39;t be opened</h1>")
          .contains("<a href=\"/admin/\">Back to Service Accounts</a>")
          .doesNotContain("<header")
          .doesNotContain("Tomcat");
      // The frame is the layout's, as on every other page: the sign-in's head but for its title
      // and the webjar's version, which Spring's resource chain writes into the links of a page
      // it answers (it resolves the link without one as well).
      assertThat(head(refused.body()))
          .isEqualTo(head(signIn.body()).replaceAll("/webjars/([^/]+)/[^/]+/", "/webjars/$1/"));
    }
    Matcher link = LINK.matcher(head(get("/admin/sign-in%00").body()));
    int links = 0;
    while (link.find()) {
      assertThat(get(link.group(1)).statusCode()).as(link.group(1)).isEqualTo(200);
      links++;
    }
    assertThat(links).isEqualTo(3);
  }

  @Test
  void headersOverTheirLimitAreNamedOnThePage() throws Exception {
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/sign-in"))
                .header("X-Long", "a".repeat(9_000))
                .build(),
            BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("<h1>This address can&#39;t be opened</h1>")
        .contains(
            "<p>The request was refused: its request line and headers are over 8 KB (the limit on"
                + " all of them together).</p>")
        .doesNotContain("characters that are not allowed");
  }

  /** Headers Tomcat refuses as it reads them, each named on the page. */
  @Test
  void malformedHeadersAreNamedOnThePage() throws Exception {
    Map<String, String> refused =
        Map.of(
            "Host: localhost\r\nHost: other\r\n",
            "it has more than one Host header",
            "Host: localhost\r\nContent-Length: -1\r\n",
            "its Content-Length is not a number of bytes",
            "Host: localhost\r\nContent-Length: 1\r\nContent-Length: 1\r\n",
            "it has more than one Content-Length header",
            "Host: localhost\r\nX-A: a\u0001b\r\n",
            "a line of its headers is not a header",
            "Host: localhost\r\nno colon here\r\n",
            "a line of its headers is not a header",
            "Host: <script>alert(1)</script>\r\n",
            "its Host header is not a host name or address with an optional port",
            "Host: localhost:99999999999\r\n",
            "its Host header is not a host name or address with an optional port",
            "Host: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "its Transfer-Encoding is not one this service takes",
            "Host: localhost\r\n" + "X-H: v\r\n".repeat(150),
            "it has more than 100 headers");
    for (Map.Entry<String, String> request : refused.entrySet()) {
      String answer =
          raw("GET /admin/sign-in HTTP/1.1\r\n" + request.getKey() + "Connection: close\r\n\r\n");
      assertThat(answer).as(request.getKey()).startsWith("HTTP/1.1 400 ");
      assertThat(answer)
          .as(request.getKey())
          .contains("<p>The request was refused: " + request.getValue())
          .doesNotContain("characters that are not allowed");
    }
  }

  /**
   * A target in absolute form names the host itself: Tomcat refuses one that is not the {@code
   * Host} header's, and takes one that is.
   */
  @Test
  void anAbsoluteFormTargetNamingAnotherHostIsNamedOnThePage() throws Exception {
    for (String target :
        List.of(
            "http://other/admin/sign-in",
            "http://other",
            "https://other?x=1",
            "http://user@other:" + port + "/admin/sign-in",
            "http:///admin/sign-in")) {
      String answer =
          raw(
              "GET "
                  + target
                  + " HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
      assertThat(answer)
          .as(target)
          .contains(
              "<p>The request was refused: its request target names another host than its Host"
                  + " header");
    }
    String same =
        raw(
            "GET http://localhost:"
                + port
                + "/admin/sign-in HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nConnection: close\r\n\r\n");
    assertThat(same).startsWith("HTTP/1.1 200 ");
  }

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void whatTheFirewallRefusesIsNamedOnThePageAndInTheProblem() throws Exception {
    String path = "/admin/sign-in;jsessionid=1";
    HttpResponse<String> page = get(path, "text/html");
    HttpResponse<String> problem = get(path, null);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body())
        .contains(
            "<p>The request was rejected because the URL contained a potentially malicious String"
                + " &quot;;&quot;; send ids and values as they are");
    assertThat(problem.statusCode()).isEqualTo(400);
    assertThat(problem.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(problem.body())
        .contains("\"code\":\"rejected-request\"")
        .contains("potentially malicious String \\\";\\\"");
    verifyNoInteractions(api);
  }

  @Test
  void aParameterNoFieldTakesIsNamedOnThePage() throws Exception {
    String path = "/admin/sign-in?error=a%00b";
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html")
                .build(),
            BodyHandlers.ofString());
    HttpResponse<String> problem = get(path);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains(
            "<p>The field \u201cerror\u201d must not contain control characters (found"
                + " U+0000).</p>");
    // A script that is not a browser gets the problem the APIs answer for such a parameter.
    assertThat(problem.statusCode()).isEqualTo(400);
    assertThat(problem.body())
        .contains("\"code\":\"invalid-parameter\"")
        .contains("{\"name\":\"error\",\"code\":\"invalid-parameter\",\"reason\":");
  }

  @Test
  void aParameterTheFilterRefusesIsNamedWithTheSecurityHeadersOfEveryPage() throws Exception {
    String accounts = "/admin/companies/" + UUID.randomUUID() + "/service-accounts";
    Map<String, String> refused =
        Map.of(
            "/admin/sign-in?x=%00",
            "x",
            accounts + "?q=%00",
            "q",
            accounts + "/" + UUID.randomUUID() + "/history?cursor=%00",
            "cursor",
            // A lone surrogate, which Tomcat cannot decode as UTF-8.
            accounts + "/" + UUID.randomUUID() + "/history?cursor=%ED%A0%80",
            "cursor",
            "/admin/sign-in?a=1&x=%ED%A0%80",
            "x");
    for (Map.Entry<String, String> request : refused.entrySet()) {
      String path = request.getKey();
      String parameter = request.getValue();
      HttpResponse<String> page = get(path, "text/html");
      HttpResponse<String> problem = get(path, null);

      for (HttpResponse<String> answer : List.of(page, problem)) {
        assertThat(answer.statusCode()).as(path).isEqualTo(400);
        assertThat(answer.headers().firstValue("X-Content-Type-Options"))
            .as(path)
            .hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(answer.headers().firstValue("Content-Security-Policy"))
            .as(path)
            .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
      }
      assertThat(page.body()).as(path).contains("<p>The field \u201c" + parameter + "\u201d must ");
      assertThat(problem.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(problem.body())
          .as(path)
          .contains("\"code\":\"invalid-parameter\"")
          .contains("{\"name\":\"" + parameter + "\",\"code\":\"invalid-parameter\"")
          // The path asked for, not the error page's.
          .contains("\"instance\":\"" + path.substring(0, path.indexOf('?')) + "\"");
    }
    // A name the UI refuses, which Spring Security's firewall would refuse naming nothing.
    HttpResponse<String> name = get("/admin/sign-in?a%00b=x", "text/html");
    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(name.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(name.body()).contains("its name must not contain control characters");
    verifyNoInteractions(api);
  }

  @Test
  void aMalformedPercentEncodingIsNamedOnThePage() throws Exception {
    String accounts = "/admin/companies/" + UUID.randomUUID() + "/service-accounts";
    // Tomcat reads a%G1 and a lone % as the text itself; the APIs refuse them. Sent as they are
    // (Java's URI refuses to make such an address).
    for (String path : List.of(accounts + "?q=a%G1", accounts + "?status=ACTIVE&q=a%")) {
      try (Socket socket = new Socket("localhost", port)) {
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + path
                        + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).as(path).startsWith("HTTP/1.1 400 ");
        assertThat(answer).as(path).contains("<p>The field \u201cq\u201d must be percent-encoded");
      }
    }
    // A value without a name, which Tomcat refuses naming nothing.
    try (Socket socket = new Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + accounts
                      + "?=1 HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 400 ")
          .contains("\u201cquery\u201d has a value without a parameter name");
    }
    verifyNoInteractions(api);
  }

  @Test
  void aFormTomcatCannotReadIsNamedOnThePage() throws Exception {
    StringBuilder fields = new StringBuilder("a=1");
    for (int i = 0; i < 1_000; i++) {
      fields.append("&f").append(i).append("=1");
    }
    for (String body :
        List.of("name=%ED%A0%80", "name=%E9t%E9", "name=%zz", "=1", fields.toString())) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/sign-in"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "text/html")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              BodyHandlers.ofString());

      String what = body.substring(0, Math.min(body.length(), 20));
      assertThat(page.statusCode()).as(what).isEqualTo(400);
      assertThat(page.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(page.body())
          .as(what)
          .contains(
              "<p>The field \u201cform\u201d must have at most 100 fields, each a name=value"
                  + " pair, percent-encoded UTF-8");
    }
    verifyNoInteractions(api);
  }

  private HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        BodyHandlers.ofString());
  }

  /** The page's head without its title. */
  private static String head(String page) {
    String head = page.substring(page.indexOf("<head>"), page.indexOf("</head>"));
    return head.replaceAll("<title>[^<]*</title>", "<title/>");
  }
}
