-- One PostgreSQL server, one database per service: the command side's event store and lookup
-- tables, the query side's projections and the token service's credentials store never share tables.
CREATE DATABASE command_service;
CREATE DATABASE query_service;
CREATE DATABASE token_service;
