-- What an operator needs to re-drive a parked event from /actuator/parked: the record as received
-- (key, value, headers), how many times it was parked, and how its row was closed. A row is open
-- while state = 'PARKED'; 'REDRIVEN' once the consumer applied it after a re-drive, 'DISCARDED'
-- once an operator gave it up, 'CLOSED' for a row closed by hand before this endpoint existed
-- (ADR 0001). Rows parked before this migration have no value: they can be discarded, not
-- re-driven from here (their copies are on the dead-letter topic).
ALTER TABLE parked_event
    ADD COLUMN company_id uuid,
    ADD COLUMN record_key text,
    ADD COLUMN value      bytea,
    ADD COLUMN headers    bytea,
    ADD COLUMN attempts   int  NOT NULL DEFAULT 1,
    ADD COLUMN state      text NOT NULL DEFAULT 'PARKED'
        CHECK (state IN ('PARKED', 'REDRIVEN', 'DISCARDED', 'CLOSED'));

UPDATE parked_event SET state = 'CLOSED' WHERE closed_at IS NOT NULL;

DROP INDEX parked_event_open;
CREATE INDEX parked_event_open ON parked_event (account_id) WHERE state = 'PARKED';
