package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * V2 on a database that already holds accounts: each keeps its data, becomes ACTIVE with no
 * permissions, and gets its creation secret. Runs in a schema of its own.
 */
class MigrationIT extends QueryServiceIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void accountsListedBeforeV2GetStatusPermissionsAndTheirCreationSecret() {
    String schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
    UUID id = UUID.randomUUID();
    Instant createdAt = Instant.parse("2026-11-28T16:05:45.158Z");
    migrate(schema, "1");
    jdbc.sql(
            """
            INSERT INTO %s.service_account (id, company_id, client_id, name, app_type,
                                            contact_email, created_at, created_by, version)
            VALUES (?, ?, 'sa_old', 'Old sync', 'CUSTOM', 'old@acme.example', ?, 'ops', 2)
            """
                .formatted(schema))
        .params(id, UUID.randomUUID(), createdAt.atOffset(ZoneOffset.UTC))
        .update();

    migrate(schema, "latest");

    var row =
        jdbc.sql(
                "SELECT status, permissions::text AS permissions, secrets::text AS secrets,"
                    + " deleted_at, version FROM %s.service_account WHERE id = ?".formatted(schema))
            .param(id)
            .query()
            .singleRow();
    assertThat(row.get("status")).isEqualTo("ACTIVE");
    assertThat(row.get("permissions")).isEqualTo("{}");
    assertThat(row.get("deleted_at")).isNull();
    assertThat(row.get("version")).isEqualTo(2L);
    JsonNode secrets = QueryApi.json((String) row.get("secrets"));
    assertThat(secrets).hasSize(1);
    assertThat(secrets.get(0).get("number").asInt()).isEqualTo(1);
    assertThat(Instant.parse(secrets.get(0).get("createdAt").asString())).isEqualTo(createdAt);
    assertThat(secrets.get(0).get("expiresAt").isNull()).isTrue();

    jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
  }

  private void migrate(String schema, String target) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }
}
