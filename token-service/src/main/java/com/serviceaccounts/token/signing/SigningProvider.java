package com.serviceaccounts.token.signing;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Optional;

/**
 * Which JCA provider signs the tokens: Amazon Corretto Crypto Provider (AWS-LC, native) where its
 * library loads and passes its self-tests (Linux on x86-64), the JDK's own providers everywhere
 * else or when switched off. Nimbus asks the JCA for its {@link Signature} without naming a
 * provider, so the native one is installed first in the provider list of this JVM (docs/decisions
 * 0013).
 */
final class SigningProvider {

  private SigningProvider() {}

  /**
   * Installs the native provider first in this JVM's list if {@code enabled} and it is usable, else
   * takes it out of the list, and names the provider {@code algorithm}'s signatures now come from.
   */
  static String install(boolean enabled, SignatureAlgorithm algorithm) {
    if (enabled) {
      nativeProvider().ifPresent(SigningProvider::installFirst);
    } else {
      Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
    }
    return providerOf(algorithm);
  }

  /** The native provider, if its library loaded and its self-tests passed. */
  private static Optional<Provider> nativeProvider() {
    AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
    if (provider.getLoadingError() != null) {
      return Optional.empty();
    }
    try {
      provider.assertHealthy();
      return Optional.of(provider);
    } catch (RuntimeException unhealthy) {
      return Optional.empty();
    }
  }

  /**
   * The name of the provider that {@code Signature.getInstance} now picks for {@code algorithm}.
   */
  static String providerOf(SignatureAlgorithm algorithm) {
    try {
      return Signature.getInstance(algorithm.jcaName()).getProvider().getName();
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("no provider signs " + algorithm.jcaName(), missing);
    }
  }

  private static synchronized void installFirst(Provider provider) {
    Provider[] providers = Security.getProviders();
    if (providers.length == 0 || providers[0] != provider) {
      Security.removeProvider(provider.getName());
      Security.insertProviderAt(provider, 1);
    }
  }
}
