package com.serviceaccounts.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} options. */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("options look like --key=value, got: " + arg);
      }
      int equals = arg.indexOf('=');
      values.put(
          equals < 0 ? arg.substring(2) : arg.substring(2, equals),
          equals < 0 ? "true" : arg.substring(equals + 1));
    }
  }

  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    return Integer.parseInt(get(key, Integer.toString(fallback)));
  }

  boolean has(String key) {
    return values.containsKey(key);
  }
}
