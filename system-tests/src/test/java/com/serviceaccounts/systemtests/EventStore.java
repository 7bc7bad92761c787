package com.serviceaccounts.systemtests;

import com.serviceaccounts.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What command-service's event store ({@code domainevententry}) and the publisher's token store
 * ({@code tokenentry}) hold, read by JDBC.
 */
final class EventStore {

  private final String database;

  /**
   * @param database command-service's database
   */
  EventStore(String database) {
    this.database = database;
  }

  /** The events stored for the account. */
  long eventsOf(String accountId) throws SQLException {
    try (Connection connection = connect();
        var count =
            connection.prepareStatement(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")) {
      count.setString(1, accountId);
      try (var rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The versions stored for each account of the company, in order; an account's version is its
   * event's Axon sequence number + 1, the number the API answers with.
   */
  Map<String, List<Long>> versionsByAccount(UUID company) throws SQLException {
    Map<String, TreeSet<Long>> versions = new TreeMap<>();
    try (Connection connection = connect();
        var query =
            connection.prepareStatement(
                "SELECT aggregateidentifier, sequencenumber FROM domainevententry"
                    + " WHERE convert_from(payload, 'UTF8')::jsonb ->> 'companyId' = ?")) {
      query.setString(1, company.toString());
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          versions
              .computeIfAbsent(rows.getString(1), id -> new TreeSet<>())
              .add(rows.getLong(2) + 1);
        }
      }
    }
    Map<String, List<Long>> sorted = new TreeMap<>();
    versions.forEach((account, its) -> sorted.put(account, List.copyOf(its)));
    return sorted;
  }

  /**
   * Which process holds each segment of the {@code kafka-publisher} processor: Axon's token claim,
   * {@code <pid>@<host>} of the claiming JVM, or {@code null} when released.
   */
  Map<Integer, String> publisherSegmentOwners() throws SQLException {
    Map<Integer, String> owners = new TreeMap<>();
    try (Connection connection = connect();
        var query =
            connection.prepareStatement(
                "SELECT segment, owner FROM tokenentry WHERE processorname = 'kafka-publisher'");
        var rows = query.executeQuery()) {
      while (rows.next()) {
        owners.put(rows.getInt(1), rows.getString(2));
      }
    }
    return owners;
  }

  private Connection connect() throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    return infrastructure.superuserDataSource(database).getConnection();
  }
}
