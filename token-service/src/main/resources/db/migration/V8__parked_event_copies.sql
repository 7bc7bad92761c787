-- A record whose topic, key and value are those of an open parked event (a copy the other consumer
-- of the topic published again on its own re-drive, say) counts on that row instead of opening
-- another: found by the digest of the value.
CREATE INDEX parked_event_open_value ON parked_event (topic, sha256(value)) WHERE state = 'PARKED';
