-- The credentials store: one row per service account that can (or could) get tokens, at the version
-- of the last event applied to it. Holds secret hashes (sha256:<hex>), never a secret.
--
-- permissions: tool id -> level, only levels above NONE, e.g. {"admin": "ADMIN"}
-- secrets: [{"number": 1, "hash": "sha256:…", "expiresAt": null | "<ISO-8601>"}], ordered by number;
--   expiresAt stays null while a secret is current and is set when a rotation ends it.
CREATE TABLE client_credentials (
    account_id  uuid    PRIMARY KEY,
    company_id  uuid    NOT NULL,
    client_id   text    NOT NULL
        CONSTRAINT client_credentials_one_account_per_client_id UNIQUE,
    status      text    NOT NULL
        CONSTRAINT client_credentials_known_status CHECK (status IN ('ACTIVE', 'DEACTIVATED', 'DELETED')),
    permissions jsonb   NOT NULL DEFAULT '{}'::jsonb
        CONSTRAINT client_credentials_permissions_object CHECK (jsonb_typeof(permissions) = 'object'),
    secrets     jsonb   NOT NULL DEFAULT '[]'::jsonb
        CONSTRAINT client_credentials_secrets_array CHECK (jsonb_typeof(secrets) = 'array'),
    version     bigint  NOT NULL CHECK (version >= 1)
);

-- Accounts purged for good: their row is gone; the tombstone keeps the purge's version so that a
-- redelivered event of the account is recognised as a duplicate, not taken for a version gap, and a
-- redelivered creation does not bring the credentials back.
CREATE TABLE purged_account (
    account_id uuid   PRIMARY KEY,
    version    bigint NOT NULL CHECK (version >= 1)
);

-- Access tokens revoked (RFC 7009) before they expired, by their jti; a row is useless once the
-- token has expired and is deleted then.
CREATE TABLE revoked_access_token (
    token_id   text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

CREATE INDEX revoked_access_token_by_expiry ON revoked_access_token (expires_at);
