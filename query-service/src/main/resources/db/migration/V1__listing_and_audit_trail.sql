-- The listing: one row per service account, at the version of the last event applied to it.
-- Never holds the client secret or its hash.
CREATE TABLE service_account (
    id                 uuid        PRIMARY KEY,
    company_id         uuid        NOT NULL,
    client_id          text        NOT NULL,
    name               text        NOT NULL,
    app_type           text        NOT NULL,
    marketplace_app_id text,
    contact_email      text        NOT NULL,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    last_edited_at     timestamptz,
    last_edited_by     text,
    version            bigint      NOT NULL CHECK (version >= 1)
);

-- A company's accounts sorted by name, case-insensitively, then id (the listing's page order).
CREATE INDEX service_account_by_company_and_name ON service_account (company_id, lower(name), id);

-- The audit trail: one row per event. Unique by event id (a redelivered record changes nothing)
-- and by account version (an account has exactly one event per version).
CREATE TABLE audit_entry (
    event_id        uuid        PRIMARY KEY,
    account_id      uuid        NOT NULL,
    company_id      uuid        NOT NULL,
    account_version bigint      NOT NULL CHECK (account_version >= 1),
    event_type      text        NOT NULL,
    actor           text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    correlation_id  text        NOT NULL,
    changes         jsonb       NOT NULL,
    CONSTRAINT audit_entry_one_per_account_version UNIQUE (account_id, account_version)
);
