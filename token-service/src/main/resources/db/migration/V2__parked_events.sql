-- Events the credentials consumer parked because they failed for a reason that will not pass (the
-- database refused their data), so that their partition moves on. While an account has an open
-- (not closed) parked event, its later events are parked behind it instead of waiting for it
-- forever. Their copies are on the dead-letter topic; a row is closed (closed_at) when an operator
-- re-drives or gives up the account's parked events (ADR 0001).
CREATE TABLE parked_event (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    uuid,
    topic         text        NOT NULL,
    partition     int         NOT NULL,
    record_offset bigint      NOT NULL,
    reason        text        NOT NULL,
    parked_at     timestamptz NOT NULL DEFAULT now(),
    closed_at     timestamptz
);

CREATE INDEX parked_event_open ON parked_event (account_id) WHERE closed_at IS NULL;
