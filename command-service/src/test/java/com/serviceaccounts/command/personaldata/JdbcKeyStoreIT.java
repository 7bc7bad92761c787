package com.serviceaccounts.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JdbcKeyStore} on a real PostgreSQL: an account keeps the first key stored for it. */
class JdbcKeyStoreIT {

  private static JdbcKeyStore keys;

  @BeforeAll
  static void keyStore() throws Exception {
    DataSource dataSource = TestInfrastructure.get().superuserDataSource("jdbc_key_store_it");
    try (Connection connection = dataSource.getConnection()) {
      JdbcKeyStore.createSchema(connection);
    }
    keys = new JdbcKeyStore(dataSource);
  }

  @Test
  void aNewAccountGetsTheKeyGivenAndKeepsItWhenAnotherIsOffered() {
    UUID account = UUID.randomUUID();
    byte[] first = filled((byte) 1);

    assertThat(keys.putIfAbsent(account, first)).isEqualTo(first);
    assertThat(keys.putIfAbsent(account, filled((byte) 2))).isEqualTo(first);
    assertThat(keys.find(account)).hasValueSatisfying(key -> assertThat(key).isEqualTo(first));
  }

  @Test
  void aDestroyedKeyIsGoneAndANewOneCanBeStored() {
    UUID account = UUID.randomUUID();
    keys.putIfAbsent(account, filled((byte) 3));

    assertThat(keys.destroy(account)).isTrue();
    assertThat(keys.find(account)).isEmpty();
    assertThat(keys.putIfAbsent(account, filled((byte) 4))).isEqualTo(filled((byte) 4));
  }

  private static byte[] filled(byte value) {
    byte[] key = new byte[32];
    Arrays.fill(key, value);
    return key;
  }
}
