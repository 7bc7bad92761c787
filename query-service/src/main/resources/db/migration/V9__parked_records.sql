-- Records a consumer set aside because they failed for a reason that will not pass (the database
-- refused their data, they did not read), so that their partition moves on. A row is open
-- (PARKED) until its record is applied after a re-drive (REDRIVEN) or an operator discards it
-- (DISCARDED); while a company has an open row on the event topic that holds it (an event the
-- database refused), its later events are parked behind it, in order. One that does not hold it (a
-- record that does not read as an event) holds only the company's events that wait for a
-- predecessor. The value is kept as received, to be published again on a re-drive; it is
-- never listed whole.
CREATE TABLE parked_record (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic       text        NOT NULL,
    partition   int         NOT NULL,
    record_offset bigint      NOT NULL,
    record_key  bytea,
    company_id  uuid,
    holds_company boolean   NOT NULL DEFAULT false,
    reason      text        NOT NULL,
    value       bytea,
    headers     bytea,
    parked_at   timestamptz NOT NULL DEFAULT now(),
    attempts    int         NOT NULL DEFAULT 1,
    state       text        NOT NULL DEFAULT 'PARKED'
        CONSTRAINT parked_record_known_state CHECK (state IN ('PARKED', 'REDRIVEN', 'DISCARDED')),
    closed_at   timestamptz
);

CREATE INDEX parked_record_open ON parked_record (topic, company_id, id) WHERE state = 'PARKED';
