-- A purge deletes the ids of its account's events but its own: a purged account keeps one row, as
-- it keeps one tombstone in purged_account (a redelivery of its older events is skipped by the
-- tombstone, and a second event at the purge's version is still seen). Rows written before are
-- trimmed the same way.
DELETE FROM applied_event a
 USING purged_account p
 WHERE a.account_id = p.account_id AND a.version <> p.version;
