-- No other service reads this database any more: query-service asks command-service's API for the
-- event stream and the data keys. Where the role key_reader of earlier versions exists, it loses
-- what V5 and V8 granted it.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'key_reader') THEN
    REVOKE ALL ON personal_data_key FROM key_reader;
    REVOKE ALL ON domainevententry FROM key_reader;
  END IF;
END $$;
