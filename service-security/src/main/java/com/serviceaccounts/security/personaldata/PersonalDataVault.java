package com.serviceaccounts.security.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-shredding of an account's personal data (its contact email). Each account has its own
 * random AES-256 key in a {@link KeyStore} outside the event store; events carry only the sealed
 * text. Destroying the key ({@link #shred}) makes every copy of the sealed text unreadable at once:
 * in the event store, on Kafka, in projections and backups, none of which are ever rewritten.
 *
 * <h2>Sealed text</h2>
 *
 * {@code pd1:<base64url(iv ‖ ciphertext ‖ tag)>}: AES-256-GCM with a random 96-bit IV and a 128-bit
 * tag; the account id is the associated data, so a sealed text moved to another account does not
 * open.
 */
public final class PersonalDataVault {

  static final String PREFIX = "pd1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyStore keys;
  private final SecureRandom random = new SecureRandom();

  public PersonalDataVault(KeyStore keys) {
    this.keys = keys;
  }

  /** Seals the text with the account's key, which is created if the account has none yet. */
  public String seal(UUID accountId, String plaintext) {
    byte[] fresh = new byte[KEY_BYTES];
    random.nextBytes(fresh);
    byte[] key = keys.putIfAbsent(accountId, fresh);
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed =
        crypt(Cipher.ENCRYPT_MODE, key, iv, accountId, plaintext.getBytes(StandardCharsets.UTF_8));
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
  }

  /** The plaintext, or empty once the account's key has been destroyed. */
  public Optional<String> open(UUID accountId, String sealed) {
    return keys.find(accountId).map(key -> open(key, accountId, sealed));
  }

  /**
   * Opens many at once with one look-up of their keys: account id → plaintext, for those accounts
   * whose key still exists.
   */
  public Map<UUID, String> openAll(Map<UUID, String> sealedByAccount) {
    return openAll(keys, sealedByAccount);
  }

  /**
   * {@link #openAll(Map)} with keys that are only read (a service that never seals nor shreds):
   * account id → plaintext, for those accounts whose key still exists.
   */
  public static Map<UUID, String> openAll(KeyLookup keys, Map<UUID, String> sealedByAccount) {
    Map<UUID, byte[]> found = keys.findAll(sealedByAccount.keySet());
    Map<UUID, String> opened = new HashMap<>();
    found.forEach(
        (accountId, key) ->
            opened.put(accountId, open(key, accountId, sealedByAccount.get(accountId))));
    return opened;
  }

  /** Destroys the account's key: what was sealed with it can never be read again. */
  public boolean shred(UUID accountId) {
    return keys.destroy(accountId);
  }

  private static String open(byte[] key, UUID accountId, String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed text of this vault");
    }
    byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte[] iv = new byte[IV_BYTES];
    buffer.get(iv);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    return new String(crypt(Cipher.DECRYPT_MODE, key, iv, accountId, body), StandardCharsets.UTF_8);
  }

  private static byte[] crypt(int mode, byte[] key, byte[] iv, UUID accountId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("personal data of " + accountId + " does not open", e);
    }
  }
}
