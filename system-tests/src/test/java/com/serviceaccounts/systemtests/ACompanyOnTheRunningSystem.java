package com.serviceaccounts.systemtests;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * A system test as a company of its own on the running system (all services as processes, shared by
 * this JVM's system tests): each test method gets a new company, so tests see only their own data.
 */
abstract class ACompanyOnTheRunningSystem {

  /** How long an accepted command may take to show in what the other services answer. */
  static final Duration VISIBLE_WITHIN = Duration.ofSeconds(60);

  static RunningSystem system;

  final HttpClient http = HttpClient.newHttpClient();
  final UUID company = UUID.randomUUID();
  final CompanyClient client = new CompanyClient(company);

  @BeforeAll
  static void startSystem() {
    system = RunningSystem.shared();
  }
}
