-- Every event gets its place in its company's sequence (1, 2, 3, ... without gaps), assigned in the
-- transaction that appends the event: the upsert's row lock makes a company's transactions commit
-- one after the other, so the sequence is also the order in which they committed. `last` is the
-- number given to the company's latest event.
CREATE TABLE company_event_sequence (
    company_id UUID   PRIMARY KEY,
    last       BIGINT NOT NULL CHECK (last >= 1)
);
