package com.serviceaccounts.security.personaldata;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The data keys API of command-service, the one service that keeps them, for the system's other
 * services (a service credential, {@code /internal}): {@code POST} {@value #PATH} with {@link
 * Lookup} answers {@link Keys}, the keys of those accounts that still have one. A shredded key is
 * simply absent, so what was sealed with it reads as erased wherever it is opened.
 */
public final class DataKeysApi {

  public static final String PATH = "/internal/data-keys/lookup";

  /** The most accounts one look-up may name. */
  public static final int MAX_ACCOUNTS = 1000;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private DataKeysApi() {}

  /** The request: the accounts whose keys are wanted. */
  public record Lookup(List<UUID> accountIds) {}

  /** The answer: account id → its key, base64url without padding. */
  public record Keys(Map<UUID, String> keys) {

    public static Keys of(Map<UUID, byte[]> keys) {
      return new Keys(
          keys.entrySet().stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey, key -> ENCODER.encodeToString(key.getValue()))));
    }

    public Map<UUID, byte[]> decoded() {
      return keys == null
          ? Map.of()
          : keys.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, key -> DECODER.decode(key.getValue())));
    }
  }
}
