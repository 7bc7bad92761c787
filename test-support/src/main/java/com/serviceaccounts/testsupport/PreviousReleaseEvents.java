package com.serviceaccounts.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Events as a release of command-service before payload revisions stored them: rows of Axon's
 * {@code domainevententry} without a {@code payloadrevision}, each made by Alice, for the tests
 * that prove such events still replay.
 */
public final class PreviousReleaseEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String INSERT =
      """
      INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type,
          eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
      VALUES (?, ?, 'ServiceAccount', ?, ?, ?, NULL, ?, ?)
      """;

  private PreviousReleaseEvents() {}

  /**
   * Stores {@code payload}, a {@code payloadType}, as event {@code sequenceNumber} of {@code
   * account} in {@code company} (its {@code accountId} and {@code companyId} set to them), the
   * company's event number {@code sequenceNumber + 1}, at {@code timestamp}.
   */
  public static void store(
      Connection connection,
      UUID company,
      String account,
      long sequenceNumber,
      ObjectNode payload,
      String payloadType,
      String correlationId,
      String timestamp)
      throws SQLException, IOException {
    payload.put("accountId", account).put("companyId", company.toString());
    Map<String, Object> metadata =
        Map.of(
            "actor",
            "user:alice@acme.example",
            "actorType",
            "user",
            "correlationId",
            correlationId,
            "companySequence",
            sequenceNumber + 1);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, account);
      insert.setLong(2, sequenceNumber);
      insert.setString(3, UUID.randomUUID().toString());
      insert.setBytes(4, JSON.writeValueAsBytes(metadata));
      insert.setBytes(5, JSON.writeValueAsBytes(payload));
      insert.setString(6, payloadType);
      insert.setString(7, timestamp);
      insert.executeUpdate();
    }
  }
}
