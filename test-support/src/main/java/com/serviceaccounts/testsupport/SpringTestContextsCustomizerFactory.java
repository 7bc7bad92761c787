package com.serviceaccounts.testsupport;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Hands every Spring test context to {@link SpringTestContexts}, so that the end of the test run
 * can close them before the servers. Registered in {@code META-INF/spring.factories}; it does not
 * change the context, and being the same for all test classes it does not split Spring's context
 * cache.
 */
final class SpringTestContextsCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return new TrackingCustomizer();
  }

  /** Equal to every other instance: it is part of the key of Spring's context cache. */
  private static final class TrackingCustomizer implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      SpringTestContexts.track(context);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TrackingCustomizer;
    }

    @Override
    public int hashCode() {
      return TrackingCustomizer.class.hashCode();
    }
  }
}
