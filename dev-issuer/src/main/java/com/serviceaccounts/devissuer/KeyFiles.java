package com.serviceaccounts.devissuer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The issuer's key files ({@link DevTokenIssuer}, "Key files"): made, read and rewritten so that
 * several threads or processes on one folder all end up with the same key, and a reader never sees
 * half a file. {@link #writeKeyPair} writes other development keys in the same PEM forms.
 */
public final class KeyFiles {

  static final String PRIVATE_PEM_TYPE = "PRIVATE KEY";

  static final String PUBLIC_PEM_TYPE = "PUBLIC KEY";

  private static final int KEY_SIZE = 2048;

  /** A key pair's file names in its folder. */
  public static final String PRIVATE_KEY_FILE = "private.pem";

  public static final String PUBLIC_KEY_FILE = "public.pem";

  private KeyFiles() {}

  /** Makes a new key pair; fails where the JDK lacks the algorithm. */
  @FunctionalInterface
  public interface KeyPairMaker {
    KeyPair make() throws GeneralSecurityException;
  }

  /**
   * Makes a key pair in {@code folder} ({@value #PRIVATE_KEY_FILE} and {@value #PUBLIC_KEY_FILE},
   * see {@link #writeKeyPair}), and the folder, unless both files are there already: kept, so that
   * what was signed before still verifies. One process per folder makes it.
   *
   * @param what the keys' name in messages, e.g. {@code audit signing keys}
   * @throws UncheckedIOException if the folder cannot be created or written
   * @throws IllegalStateException if this JDK cannot make the pair
   */
  public static void keepKeyPair(Path folder, String what, KeyPairMaker maker) {
    Path privatePem = folder.resolve(PRIVATE_KEY_FILE);
    Path publicPem = folder.resolve(PUBLIC_KEY_FILE);
    if (Files.isRegularFile(privatePem) && Files.isRegularFile(publicPem)) {
      return;
    }
    try {
      Files.createDirectories(folder);
      writeKeyPair(maker.make(), privatePem, publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the " + what + " in " + folder, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make the " + what, e);
    }
  }

  /**
   * Writes a new private key unless another thread or process gets there first: the key goes to a
   * temporary file (owner-only from the start), which is then linked to its name, which fails if
   * the name exists. The loser reads the winner's key.
   */
  static void createPrivateKey(Path privatePem) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(KEY_SIZE);
    byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
    Path temporary = temporaryFile(privatePem);
    try {
      Files.writeString(temporary, pem(PRIVATE_PEM_TYPE, encoded), StandardCharsets.US_ASCII);
      try {
        Files.createLink(privatePem, temporary);
      } catch (FileAlreadyExistsException anotherWasFaster) {
        // its key is the one
      } catch (UnsupportedOperationException | IOException noHardLinks) {
        try {
          Files.move(temporary, privatePem);
        } catch (FileAlreadyExistsException anotherWasFaster) {
          // its key is the one
        }
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes a key pair made elsewhere: the private key as PKCS#8 {@code -----BEGIN PRIVATE
   * KEY-----}, readable by its owner only, and the public key as X.509 {@code -----BEGIN PUBLIC
   * KEY-----}. Each file is replaced in one step, the private key first.
   */
  public static void writeKeyPair(KeyPair pair, Path privatePem, Path publicPem)
      throws IOException {
    Path temporary = temporaryFile(privatePem);
    try {
      Files.writeString(
          temporary,
          pem(PRIVATE_PEM_TYPE, pair.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII);
      Files.move(
          temporary,
          privatePem,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    writePublicKey(publicPem, pem(PUBLIC_PEM_TYPE, pair.getPublic().getEncoded()));
  }

  static RSAPrivateCrtKey readPrivateKey(Path privatePem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(privatePem)) {
      if (RsaKeyConverters.pkcs8().convert(in) instanceof RSAPrivateCrtKey crt) {
        return crt;
      }
    } catch (IllegalArgumentException notPkcs8) {
      throw new GeneralSecurityException(notPkcs8.getMessage(), notPkcs8);
    }
    throw new GeneralSecurityException("not an RSA CRT private key");
  }

  static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
  }

  /** Whether {@code publicPem} holds {@code publicKey}; false if it is missing or unreadable. */
  static boolean matches(Path publicPem, RSAPublicKey publicKey) {
    try (InputStream in = Files.newInputStream(publicPem)) {
      return publicKey.equals(RsaKeyConverters.x509().convert(in));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Replaces {@code file} in one step, so that a reader (a service starting) sees the old or the
   * new content, never a part. Writers racing write the same content: the key derived from the one
   * private key.
   */
  static void writePublicKey(Path file, String content) throws IOException {
    Path temporary = temporaryFile(file);
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      setPermissions(temporary, "rw-r--r--");
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A file beside {@code target}, readable by its owner only where POSIX permissions exist. */
  static Path temporaryFile(Path target) throws IOException {
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
    setPermissions(temporary, "rw-------");
    return temporary;
  }

  static void setPermissions(Path file, String permissions) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the folder's own permissions have to do
    }
  }

  // Spring Security's RsaKeyConverters read PEM but do not write it, and Java 17 has no PEM
  // encoder.
  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
