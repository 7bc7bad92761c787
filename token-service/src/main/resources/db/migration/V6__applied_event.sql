-- The id of the event applied at each version of each account: an event of an applied version with
-- another id is no redelivery but a second event given that number (an event store restored to an
-- earlier point and written again, or a forged record), which is parked, not skipped as a
-- duplicate. Kept after a purge, so that the purge's tombstone is compared as well.
CREATE TABLE applied_event (
    account_id uuid   NOT NULL,
    version    bigint NOT NULL CHECK (version >= 1),
    event_id   uuid   NOT NULL,
    PRIMARY KEY (account_id, version)
);

-- The rows' own event ids (kept for the current version only) carry over; versions applied before
-- they were kept have none and pass.
INSERT INTO applied_event (account_id, version, event_id)
SELECT account_id, version, event_id FROM client_credentials WHERE event_id IS NOT NULL;

ALTER TABLE client_credentials DROP COLUMN event_id;
