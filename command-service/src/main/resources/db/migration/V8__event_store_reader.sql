-- query-service rebuilds its projections from the event store: where the role key_reader exists
-- (docker-compose creates it for query-service), it may also read domainevententry, and nothing
-- else but personal_data_key.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'key_reader') THEN
    GRANT SELECT ON domainevententry TO key_reader;
  END IF;
END $$;
