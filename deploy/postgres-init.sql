-- One PostgreSQL server, one database per service, each owned by the service's own role, which may
-- connect to no other database: CONNECT is revoked from PUBLIC, so PostgreSQL itself refuses
-- command-service's event store to query-service's role ("permission denied for database"). The
-- services read each other's data only through command-service's API (docs/decisions/0004).
-- Development passwords: set your own in production (docker-compose.yml passes these).
CREATE ROLE command_service LOGIN PASSWORD 'command_service';
CREATE ROLE query_service LOGIN PASSWORD 'query_service';
CREATE ROLE token_service LOGIN PASSWORD 'token_service';

CREATE DATABASE command_service OWNER command_service;
CREATE DATABASE query_service OWNER query_service;
CREATE DATABASE token_service OWNER token_service;

REVOKE ALL ON DATABASE command_service FROM PUBLIC;
REVOKE ALL ON DATABASE query_service FROM PUBLIC;
REVOKE ALL ON DATABASE token_service FROM PUBLIC;
