package com.serviceaccounts.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given. Java's HTTP client refuses to send what
 * these tests must send (a NUL or a line feed in a header, a malformed request line, invalid UTF-8
 * in a form), so the request is written by hand; the answer is read up to {@link #MAX_READ} bytes.
 */
final class RawHttp {

  /** Beyond this many bytes an answer counts as unbounded; the rest is not read. */
  static final int MAX_READ = 1 << 20;

  private RawHttp() {}

  /** What the service answered; {@code body} holds at most {@link #MAX_READ} bytes. */
  record Answer(int status, Map<String, String> headers, byte[] body, boolean truncated) {

    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String text = text();
      return status
          + " "
          + contentType()
          + " ("
          + body.length
          + (truncated ? "+ bytes, truncated) " : " bytes) ")
          + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
    }
  }

  /**
   * A request's head for {@link #exchange}: the request line of {@code method} and {@code target},
   * then each of {@code headers} ({@code "Name: value"}, as given), each line ending in CRLF.
   */
  static String head(String method, String target, String... headers) {
    StringBuilder head =
        new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return head.toString();
  }

  /**
   * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line that
   * ends them; {@code Host}, {@code Connection: close} and, with a body, {@code Content-Length} are
   * added) and {@code body}, and reads the answer.
   */
  static Answer exchange(URI service, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(service.getHost(), service.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder(head);
      request.append("Host: ").append(service.getHost()).append(':').append(service.getPort());
      request.append("\r\nConnection: close\r\n");
      if (body != null) {
        request.append("Content-Length: ").append(body.length).append("\r\n");
      }
      request.append("\r\n");
      try {
        // ISO-8859-1: each char of the head is the byte it stands for, control characters too.
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException refusedMidway) {
        // A server may answer and close before it has read everything; its answer still counts.
      }
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("no HTTP answer, the connection ended with: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.merge(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim(),
          (first, second) -> first + ", " + second);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean truncated;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      truncated = false;
      for (String size = line(in); size != null && !size.isEmpty(); size = line(in)) {
        int length = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (length == 0) {
          break;
        }
        if (body.size() + length > MAX_READ) {
          truncated = true;
          break;
        }
        body.write(in.readNBytes(length));
        line(in);
      }
    } else {
      byte[] read = in.readNBytes(MAX_READ);
      body.write(read);
      truncated = read.length == MAX_READ && in.read() >= 0;
    }
    return new Answer(status, headers, body.toByteArray(), truncated);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
