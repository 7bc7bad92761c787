-- Each chained entry records the version of the chain algorithm it was hashed with
-- (audit-verifier's ChainAlgorithm): 1 for every entry written so far, which keeps verifying as it
-- is; 2 (RFC 8785 canonical JSON) for new ones. Writers name the version: no default.
ALTER TABLE audit_entry ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2));
ALTER TABLE audit_entry ALTER COLUMN chain_version DROP DEFAULT;

ALTER TABLE security_entry ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2));
ALTER TABLE security_entry ALTER COLUMN chain_version DROP DEFAULT;
