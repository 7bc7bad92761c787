package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.auditverifier.SigningKeys;
import com.serviceaccounts.topics.TopicsOnDemand;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A checkpoint sent while no broker answers holds its caller (a request thread) only as long as the
 * topic's own bound, not the Kafka producer's default minute, and fails so that it is sent again
 * next round.
 */
class CheckpointTopicTest {

  @Test
  void aSendWithNoBrokerGivesUpAfterTheTopicsOwnBound() throws Exception {
    String address = "localhost:" + portNobodyListensOn();
    DefaultKafkaProducerFactory<Object, Object> nowhere =
        new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address));
    KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address));
    admin.setOperationTimeout(1);
    CheckpointTopic topic =
        new CheckpointTopic(
            nowhere,
            new TopicsOnDemand(admin),
            new AuditCheckpointProperties(
                null, null, List.of(), null, "audit-checkpoints-nowhere", 1, null));

    try {
      IllegalStateException refused =
          catchThrowableOfType(IllegalStateException.class, () -> topic.send(checkpoint()));

      assertThat(refused).hasMessageContaining("Kafka did not acknowledge the checkpoint");
      // Kafka's own words say how long it waited for the topic: the bound, not its 60000 ms.
      assertThat(refused)
          .rootCause()
          .hasMessageContaining("after " + CheckpointTopic.SEND_TIMEOUT.toMillis() + " ms");
    } finally {
      nowhere.destroy();
    }
  }

  private static int portNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Checkpoint checkpoint() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return new Checkpoint(
            ChainKind.AUDIT,
            UUID.randomUUID(),
            1,
            1,
            ChainAlgorithm.GENESIS,
            ChainAlgorithm.GENESIS,
            Instant.parse("2026-12-01T00:00:00Z"),
            SigningKeys.keyId(key.getPublic()),
            null)
        .signedWith(key.getPrivate());
  }
}
