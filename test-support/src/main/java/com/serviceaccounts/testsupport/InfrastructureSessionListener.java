package com.serviceaccounts.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared infrastructure when the JUnit Platform session ends (after the last test of a
 * Maven Surefire/Failsafe fork, an IDE run or a Gradle test task), before the JVM's shutdown hooks
 * run: there, Spring's hook closing the cached test contexts would race with whatever stopped the
 * servers, and a context whose database or broker vanished first logs connection errors while it
 * closes. Registered in {@code META-INF/services}.
 */
public final class InfrastructureSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    SharedInfrastructure.shutdown();
  }
}
