package com.serviceaccounts.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.security.personaldata.DataKeysApi;
import com.serviceaccounts.security.personaldata.InMemoryKeyStore;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestServiceCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * command-service's data keys API as query-service's tests need it ({@link DataKeysApi}): the keys
 * of {@link #vault}, which seals the test accounts' emails ({@link TestAccount#sealContactEmails}),
 * for the test credential only. The real API is command-service's {@code DataKeysController}; the
 * system tests run the two together.
 */
final class CommandServiceKeys {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREDENTIAL = TestServiceCredentials.queryServiceBasic();

  private static final InMemoryKeyStore KEYS = new InMemoryKeyStore();
  private static HttpServer server;

  private CommandServiceKeys() {}

  /** The vault whose keys the API serves; a shredded key is no longer served. */
  static PersonalDataVault vault() {
    return new PersonalDataVault(KEYS);
  }

  /** query-service's settings that send it to this API with the test credential. */
  static Map<String, String> querySettings() {
    return Map.of(
        "service-accounts.command-service.url",
        url(),
        "service-accounts.command-service.username",
        TestServiceCredentials.QUERY_SERVICE,
        "service-accounts.command-service.password",
        TestServiceCredentials.QUERY_SERVICE_SECRET);
  }

  /** The API's base URL, started on first use and kept for the JVM's tests. */
  static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext(DataKeysApi.PATH, CommandServiceKeys::lookup);
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void lookup(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      DataKeysApi.Lookup lookup =
          JSON.readValue(exchange.getRequestBody(), DataKeysApi.Lookup.class);
      byte[] answer =
          JSON.writeValueAsBytes(DataKeysApi.Keys.of(KEYS.findAll(lookup.accountIds())));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }
}
