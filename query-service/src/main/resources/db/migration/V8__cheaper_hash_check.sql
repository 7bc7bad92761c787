-- The same rule for a hash (64 lower-case hex digits) in a form PostgreSQL checks about ten times
-- faster: the regular expression '^[0-9a-f]{64}$' expands its bounded repetition into a large
-- automaton, and took ~10 µs per row (a fifth of a projection rebuild's time).
ALTER TABLE audit_entry
    DROP CONSTRAINT audit_entry_hash_check,
    ADD CONSTRAINT audit_entry_hash_check CHECK (length(hash) = 64 AND hash !~ '[^0-9a-f]');

ALTER TABLE audit_chain_head
    DROP CONSTRAINT audit_chain_head_hash_check,
    ADD CONSTRAINT audit_chain_head_hash_check CHECK (length(hash) = 64 AND hash !~ '[^0-9a-f]');
