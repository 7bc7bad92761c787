package com.serviceaccounts.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Stands in for a Spring Boot service in {@link ServiceProcessIT}: answers 200 on {@code
 * /actuator/health} of {@code --server.port}, or exits at once with {@code --exit-code}, and says
 * when it shuts down gracefully.
 */
final class FakeService {

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
  }
}
