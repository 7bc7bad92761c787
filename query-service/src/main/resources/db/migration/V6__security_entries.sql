-- Refused attempts (security entries) from command-service and token-service, per company in the
-- order they arrived (the security topic is keyed by company, so that order is the topic's), each
-- chained to the one before: hash = SHA-256(previous hash || canonical entry), like audit_entry.
CREATE TABLE security_entry (
    entry_id       uuid        PRIMARY KEY,
    company_id     uuid        NOT NULL,
    position       bigint      NOT NULL CHECK (position >= 1),
    account_id     uuid,
    source         text        NOT NULL,
    operation      text        NOT NULL,
    status         int         NOT NULL,
    reason         text        NOT NULL,
    actor          text        NOT NULL,
    actor_type     text        NOT NULL,
    correlation_id text,
    occurred_at    timestamptz NOT NULL,
    hash           char(64)    NOT NULL,
    CONSTRAINT security_entry_one_per_position UNIQUE (company_id, position)
);

CREATE TABLE security_chain_head (
    company_id uuid     PRIMARY KEY,
    position   bigint   NOT NULL,
    hash       char(64) NOT NULL
);
