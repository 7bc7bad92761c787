package com.serviceaccounts.security.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Keys for the resource-server tests: RSA pairs, PEM files of public keys, and JWK set servers. */
final class TestKeys {

  private TestKeys() {}

  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as an X.509 PEM file, as {@code public-key-location} takes it ({@code file:…}). */
  static String publicKeyLocation(PublicKey key) {
    try {
      Path pem = Files.createTempFile("test-public-key-", ".pem");
      pem.toFile().deleteOnExit();
      Files.writeString(
          pem,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(key.getEncoded())
              + "\n-----END PUBLIC KEY-----\n",
          StandardCharsets.US_ASCII);
      return "file:" + pem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service verifies people's tokens with {@code key}, as a PEM file. */
  static void trustKey(DynamicPropertyRegistry registry, Supplier<PublicKey> key) {
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        () -> publicKeyLocation(key.get()));
  }

  /** A server on a free loopback port answering each path with its JWK set. */
  static HttpServer jwkSets(Map<String, JWKSet> byPath) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byPath.forEach(
          (path, keys) -> {
            byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
            server.createContext(
                path,
                exchange -> {
                  exchange.getResponseHeaders().add("Content-Type", "application/json");
                  exchange.sendResponseHeaders(200, body.length);
                  exchange.getResponseBody().write(body);
                  exchange.close();
                });
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
