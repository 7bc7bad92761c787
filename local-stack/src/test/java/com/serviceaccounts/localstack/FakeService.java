package com.serviceaccounts.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Stands in for a Spring Boot service in {@link ServiceProcessIT}: answers 200 on {@code
 * /actuator/health} of {@code --server.port}, or exits at once with {@code --exit-code}, and says
 * when it shuts down gracefully, and whether an add-on jar ({@link #ADD_ON}) is on its class path.
 */
final class FakeService {

  /** A resource that only the add-on jar of {@link ServiceProcessIT} holds. */
  static final String ADD_ON = "fake-add-on.txt";

  private FakeService() {}

  public static void main(String[] args) throws IOException {
    int port = 0;
    for (String arg : args) {
      if (arg.startsWith("--exit-code=")) {
        System.err.println("failing on purpose");
        System.exit(Integer.parseInt(arg.substring("--exit-code=".length())));
      }
      if (arg.startsWith("--server.port=")) {
        port = Integer.parseInt(arg.substring("--server.port=".length()));
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/actuator/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  System.out.println("stopped gracefully as " + System.getenv("FAKE_NAME"));
                }));
    System.out.println("started as " + System.getenv("FAKE_NAME"));
    if (FakeService.class.getClassLoader().getResource(ADD_ON) != null) {
      System.out.println("add-on on the class path of " + System.getenv("FAKE_NAME"));
    }
  }
}
