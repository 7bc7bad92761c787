-- The listing row follows the account's whole life: its status, its permissions matrix, its
-- client secrets (number and validity only, never a hash) and, while deleted, when it was deleted
-- and until when it can be restored.
--
-- permissions: tool id -> level, e.g. {"reports": "READ_ONLY"}; only levels other than NONE are
--   stored (a tool absent here is NONE; the API shows the full matrix).
-- secrets: [{"number": 1, "createdAt": "<ISO-8601>", "expiresAt": null | "<ISO-8601>"}], ordered
--   by number; expiresAt stays null while a secret is current and set when a rotation ends it.
ALTER TABLE service_account
    ADD COLUMN status           text        NOT NULL DEFAULT 'ACTIVE'
        CONSTRAINT service_account_known_status CHECK (status IN ('ACTIVE', 'DEACTIVATED', 'DELETED')),
    ADD COLUMN permissions      jsonb       NOT NULL DEFAULT '{}'::jsonb
        CONSTRAINT service_account_permissions_object CHECK (jsonb_typeof(permissions) = 'object'),
    ADD COLUMN secrets          jsonb       NOT NULL DEFAULT '[]'::jsonb
        CONSTRAINT service_account_secrets_array CHECK (jsonb_typeof(secrets) = 'array'),
    ADD COLUMN deleted_at       timestamptz,
    ADD COLUMN restorable_until timestamptz;

-- Every account created so far still has its creation secret, number 1, and only that one (the
-- earlier query-service could not apply a rotation, so no row is past one).
UPDATE service_account
   SET secrets = jsonb_build_array(jsonb_build_object(
           'number', 1,
           'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'expiresAt', NULL));

-- Accounts purged for good. Their listing row is gone; the tombstone remembers the id and the
-- version of the purge, so that a redelivered event of a purged account is recognised as a
-- duplicate (not mistaken for a version gap and retried forever), and a redelivered creation does
-- not bring the account back. Holds no name, email or anything else about the account.
CREATE TABLE purged_service_account (
    id         uuid        PRIMARY KEY,
    company_id uuid        NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 1),
    purged_at  timestamptz NOT NULL
);
