-- A record published again (the other consumer's re-drive, a dead letter put back) that is a copy
-- of a record discarded here is dropped, never applied: found by the digest of the value.
CREATE INDEX parked_record_discarded_value ON parked_record (topic, sha256(value))
  WHERE state = 'DISCARDED';
