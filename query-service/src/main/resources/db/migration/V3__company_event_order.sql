-- How far each company's event stream has been applied: the company sequence number of the last
-- event applied to the projections. The next event applied must be number applied + 1; a lower one
-- is a duplicate, a higher one waits (a gap). Moves in the transaction that applies the event.
CREATE TABLE company_event_position (
    company_id uuid   PRIMARY KEY,
    applied    bigint NOT NULL CHECK (applied >= 1)
);
