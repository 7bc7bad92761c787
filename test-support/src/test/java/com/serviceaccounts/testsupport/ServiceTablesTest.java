package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTablesTest {

  @TempDir Path modules;

  @Test
  void findsTheTablesAModuleCreatesAndTheSqlThatNamesThem() throws IOException {
    write(
        "owner",
        "resources/db/migration/V1__store.sql",
        "CREATE TABLE domainevententry (id bigint);\ncreate table if not exists public.audit_entry"
            + " (id int);\nCREATE TABLE flyway_schema_history (v int);");
    write(
        "reader",
        "java/Reader.java",
        """
        class Reader {
          String a = "SELECT payload FROM domainevententry WHERE globalindex > ?";
          String b = "SELECT 1 FROM public.audit_entry";
          String c = "INSERT INTO audit_entry_archive VALUES (1)";
          String d = "the actor type service_account, from the audit entry";
        }
        """);

    Set<String> owned = ServiceTables.createdBy(modules.resolve("owner"));
    assertThat(owned).containsExactly("audit_entry", "domainevententry");
    assertThat(ServiceTables.sqlReferences(modules.resolve("reader"), owned))
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line)
                    .endsWith(
                        "Reader.java:2: String a = \"SELECT payload"
                            + " FROM domainevententry WHERE globalindex > ?\";"))
        .anySatisfy(line -> assertThat(line).contains("public.audit_entry"));
  }

  private void write(String module, String path, String text) throws IOException {
    Path file = modules.resolve(module).resolve("src/main").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
