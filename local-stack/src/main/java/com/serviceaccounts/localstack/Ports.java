package com.serviceaccounts.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds TCP ports for the local servers.
 *
 * <p>The launcher prefers well-known ports so that bookmarks and IDE run configurations keep
 * working between runs, but moves to the next free one instead of failing when something else
 * already listens there. Tests take any free port, so that they never collide with a running
 * launcher.
 */
public final class Ports {

  /** How far past the preferred port the search goes before giving up. */
  private static final int SEARCH_RANGE = 100;

  /** Every port {@link #anyFree()} returned in this JVM. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {}

  /**
   * Returns {@code preferred} if nothing listens on it, otherwise the next port above it that is
   * free.
   *
   * @throws IllegalStateException if none of the next {@value #SEARCH_RANGE} ports is free
   */
  public static int firstFreeFrom(int preferred) {
    if (preferred < 1 || preferred > 65535) {
      throw new IllegalArgumentException("Not a TCP port: " + preferred);
    }
    int last = Math.min(65535, preferred + SEARCH_RANGE);
    for (int port = preferred; port <= last; port++) {
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port between " + preferred + " and " + last);
  }

  /**
   * Returns a port that the operating system reports as free right now and that this JVM has not
   * handed out before: the servers are started later, so the operating system alone may offer the
   * same port twice, and two servers given one port would each take the other's health check for
   * their own.
   */
  public static synchronized int anyFree() {
    for (int attempt = 0; attempt < SEARCH_RANGE; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not find a free port", e);
      }
    }
    throw new IllegalStateException("The operating system offered only ports handed out before");
  }

  /**
   * Tells whether a server could bind the port. Binds the wildcard address, which on Linux
   * conflicts with a listener on any local address, loopback included.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
