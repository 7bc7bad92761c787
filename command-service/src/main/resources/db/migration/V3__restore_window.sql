-- A deleted account keeps its lookup row (its email stays taken) until it is purged; the purge
-- job finds the accounts whose restore window has passed here.
ALTER TABLE service_account_lookup ADD COLUMN restorable_until TIMESTAMPTZ;

CREATE INDEX service_account_lookup_restorable_until
    ON service_account_lookup (restorable_until) WHERE restorable_until IS NOT NULL;
