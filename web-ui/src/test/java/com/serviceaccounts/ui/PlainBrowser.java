package com.serviceaccounts.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/**
 * The UI over real HTTP as a browser without a cookie jar asks it: each request carries the cookies
 * it is given, so a test sees every {@code Set-Cookie} and decides what is sent back.
 */
public final class PlainBrowser {

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  public PlainBrowser(int port) {
    this.port = port;
  }

  /** A GET of a page; {@code cookie} ({@code name=value; …}) may be null. */
  public HttpResponse<String> get(String path, String cookie) throws Exception {
    return send(request(path, cookie).GET());
  }

  /** A form POST of {@code form} (already URL-encoded); {@code cookie} may be null. */
  public HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    return post(path, cookie, form, "text/html");
  }

  /** A form POST as a script sends it, asking for {@code accept}. */
  public HttpResponse<String> post(String path, String cookie, String form, String accept)
      throws Exception {
    return send(
        request(path, cookie)
            .setHeader("Accept", accept)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(form)));
  }

  /** {@code name=value} of the cookie the answer sets; fails if it sets none of that name. */
  public static String cookie(HttpResponse<String> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + answer.headers().map()))
        .split(";")[0];
  }

  /** Whether the answer starts a session. */
  public static boolean startsASession(HttpResponse<String> answer) {
    return answer.headers().allValues("Set-Cookie").stream()
        .anyMatch(cookie -> cookie.startsWith("JSESSIONID="));
  }

  private HttpRequest.Builder request(String path, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html");
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
