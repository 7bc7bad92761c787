-- One PostgreSQL server, one database per service: the command side's event store and lookup
-- tables, the query side's projections and the token service's credentials store never share tables.
CREATE DATABASE command_service;
CREATE DATABASE query_service;
CREATE DATABASE token_service;

-- query-service reads the data keys that seal contact emails and the event store (to rebuild its
-- projections) and nothing else of the command side: command-service's migrations grant this role
-- SELECT on personal_data_key and domainevententry alone.
CREATE ROLE key_reader LOGIN PASSWORD 'key_reader';
