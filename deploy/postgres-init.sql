-- One PostgreSQL server, one database per service: the command side's event store and lookup
-- tables, and the query side's projections, never share tables.
CREATE DATABASE command_service;
CREATE DATABASE query_service;
