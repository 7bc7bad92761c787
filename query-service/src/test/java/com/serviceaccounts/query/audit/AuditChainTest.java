package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.contract.query.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditChainTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String CANONICAL =
      "{\"accountId\":\"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6\",\"accountVersion\":2,"
          + "\"actor\":\"bob\",\"actorType\":\"user\","
          + "\"changes\":{\"name\":{\"after\":\"b%s\",\"before\":\"a\"}},"
          + "\"companyId\":\"0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11\",\"companySequence\":2,"
          + "\"correlationId\":\"req-42\",\"eventId\":\"9d7c2f7a-54a4-4f0e-9b7e-2f0b8c1d3e4f\","
          + "\"eventType\":\"ServiceAccountEdited\",\"occurredAt\":\"2026-11-28T10:15:30.123456Z\"}";

  private static AuditEntry entry(String changes, String actor, int chainVersion) {
    return new AuditEntry(
        UUID.fromString("9d7c2f7a-54a4-4f0e-9b7e-2f0b8c1d3e4f"),
        UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11"),
        2,
        UUID.fromString("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
        2,
        "ServiceAccountEdited",
        actor,
        "user",
        Instant.parse("2026-11-28T10:15:30.123456Z"),
        "req-42",
        JSON.readTree(changes),
        chainVersion,
        null);
  }

  /** SHA-256 of 32 zero bytes and the text, computed here without the project's code. */
  private static String linkedToGenesis(String canonical) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(new byte[32]);
    return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bothVersionsHashTheColumnsWithSortedKeysAtEveryDepthAndNoWhiteSpace() throws Exception {
    String changes = "{\"name\": {\"before\": \"a\", \"after\": \"b\"}}";

    assertBothVersionsHash(changes, CANONICAL.formatted(""), CANONICAL.formatted(""));
  }

  @Test
  void aControlCharacterIsEscapedAsVersionOneDidAndAsRfc8785Does() throws Exception {
    String changes = "{\"name\": {\"before\": \"a\", \"after\": \"b\\u001f\"}}";

    assertBothVersionsHash(changes, CANONICAL.formatted("\\u001F"), CANONICAL.formatted("\\u001f"));
  }

  /** The entry of {@code changes} hashes as each chain version's canonical text of it. */
  private static void assertBothVersionsHash(
      String changes, String versionOneCanonical, String versionTwoCanonical) throws Exception {
    assertThat(AuditChain.hash(AuditChain.GENESIS, entry(changes, "bob", 1)))
        .isEqualTo(linkedToGenesis(versionOneCanonical));
    assertThat(AuditChain.hash(AuditChain.GENESIS, entry(changes, "bob", 2)))
        .isEqualTo(linkedToGenesis(versionTwoCanonical));
  }

  @Test
  void theHashDependsOnTheContentAndThePreviousHashButNotOnKeyOrder() {
    String hash = AuditChain.hash(AuditChain.GENESIS, entry("{\"a\":1,\"b\":2}", "bob", 2));

    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(AuditChain.hash(AuditChain.GENESIS, entry("{\"b\":2,\"a\":1}", "bob", 2)))
        .isEqualTo(hash);
    assertThat(AuditChain.hash(AuditChain.GENESIS, entry("{\"a\":1,\"b\":2}", "eve", 2)))
        .isNotEqualTo(hash);
    assertThat(AuditChain.hash("1".repeat(64), entry("{\"a\":1,\"b\":2}", "bob", 2)))
        .isNotEqualTo(hash);
  }
}
