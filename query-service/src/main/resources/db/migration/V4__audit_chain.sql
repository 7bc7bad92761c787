-- The audit trail becomes a hash chain per company, in company-sequence order:
--   hash = hex(SHA-256(previous entry's hash (32 bytes; 32 zero bytes for number 1) || canonical))
-- where canonical is the entry's columns as a JSON object with sorted keys (AuditChain documents
-- it). Entries written before company sequences existed cannot be placed in a chain: such a
-- database is rebuilt from the event stream instead of migrated.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_entry) THEN
        RAISE EXCEPTION 'audit_entry holds entries without a company sequence; rebuild the query_service database from the event topic';
    END IF;
END $$;

ALTER TABLE audit_entry
    ADD COLUMN company_sequence bigint NOT NULL CHECK (company_sequence >= 1),
    ADD COLUMN actor_type       text   NOT NULL,
    ADD COLUMN hash             text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    ADD CONSTRAINT audit_entry_one_per_company_sequence UNIQUE (company_id, company_sequence);

-- An account's trail and the time-range reads, both newest first by company sequence.
CREATE INDEX audit_entry_by_account ON audit_entry (account_id, company_sequence);
CREATE INDEX audit_entry_by_company_and_time ON audit_entry (company_id, occurred_at);

-- The newest entry of each company's chain: what the next entry chains to, and what verification
-- compares the chain's end with (so that deleting the newest entries is noticed).
CREATE TABLE audit_chain_head (
    company_id       uuid   PRIMARY KEY,
    company_sequence bigint NOT NULL CHECK (company_sequence >= 1),
    hash             text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
