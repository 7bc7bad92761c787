package com.serviceaccounts.testsupport;

/** What the JVM-wide holder needs beyond the tests' API: a way to stop the servers. */
interface ManagedInfrastructure extends TestInfrastructure, AutoCloseable {

  @Override
  void close();
}
