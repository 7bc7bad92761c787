package db.migration;

import com.serviceaccounts.command.personaldata.JdbcKeyStore;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The per-account data keys that seal contact emails in events ({@link JdbcKeyStore}); the table's
 * definition lives with the key store. Where a role {@value #READER} existed, it was granted this
 * table (since V30 no role but this service's own reads it).
 */
public class V5__personal_data_key extends BaseJavaMigration {

  static final String READER = "key_reader";

  @Override
  public void migrate(Context context) throws Exception {
    JdbcKeyStore.createSchema(context.getConnection());
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(
          """
          DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
              GRANT SELECT ON personal_data_key TO %s;
            END IF;
          END $$
          """
              .formatted(READER, READER));
    }
  }
}
