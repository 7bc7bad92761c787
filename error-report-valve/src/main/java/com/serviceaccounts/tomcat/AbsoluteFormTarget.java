package com.serviceaccounts.tomcat;

import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.tomcat.util.buf.ByteChunk;

/**
 * The host an absolute-form request target names ({@code GET http://host/path HTTP/1.1}), which
 * Tomcat refuses when it is not the {@code Host} header's, with no message. Tomcat keeps only such
 * a target's path as the request URI, in the buffer that still holds the request line, so the host
 * stands just before it; read from there because no other part of the request keeps it.
 */
final class AbsoluteFormTarget {

  private AbsoluteFormTarget() {}

  /**
   * Whether the request's target is in absolute form and names another host (and port) than its
   * {@code Host} header.
   */
  static boolean namesAnotherHost(Request request) {
    String host = request.getHeader("Host");
    String named = host(request.getCoyoteRequest().requestURI().getByteChunk());
    return named != null && !named.equals(host);
  }

  /** The host and port before the path in {@code uri}'s buffer, or null for an origin form. */
  private static String host(ByteChunk uri) {
    byte[] line = uri.getBytes();
    int path = uri.getStart();
    if (line == null || path < 1 || path > line.length) {
      return null;
    }
    for (int scheme = path - 2; scheme < path && scheme + 2 < line.length; scheme++) {
      if (scheme >= 0
          && line[scheme] == ':'
          && line[scheme + 1] == '/'
          && line[scheme + 2] == '/') {
        // A target without a path ("http://host"): Tomcat's URI is a slash of its "://".
        int end = scheme + 3;
        while (end < line.length && line[end] != ' ' && line[end] != '?') {
          end++;
        }
        return withoutUserInfo(line, scheme + 3, end);
      }
    }
    for (int i = path - 1; i >= 2 && line[i] != ' '; i--) {
      if (line[i] == '/' && line[i - 1] == '/' && line[i - 2] == ':') {
        return withoutUserInfo(line, i + 1, path);
      }
    }
    return null;
  }

  private static String withoutUserInfo(byte[] line, int from, int to) {
    String authority = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    return authority.substring(authority.lastIndexOf('@') + 1);
  }
}
