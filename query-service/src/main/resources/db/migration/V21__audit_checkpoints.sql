-- Signed checkpoints of each company's two chains (audit-verifier's Checkpoint), numbered per chain
-- and chained to each other. Kept here to serve and export them, and sent to their own Kafka topic
-- (published once Kafka acknowledged). What makes them trustworthy is the signature, made with a
-- key this database never holds: a row changed here no longer verifies.
CREATE TABLE audit_checkpoint (
    company_id    uuid        NOT NULL,
    chain         text        NOT NULL CHECK (chain IN ('audit', 'security')),
    number        bigint      NOT NULL CHECK (number >= 1),
    last_sequence bigint      NOT NULL CHECK (last_sequence >= 1),
    last_hash     text        NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL,
    -- The signed checkpoint exactly as published: one line of canonical JSON.
    signed        text        NOT NULL,
    published     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (company_id, chain, number)
);

CREATE INDEX audit_checkpoint_unpublished ON audit_checkpoint (created_at) WHERE NOT published;
