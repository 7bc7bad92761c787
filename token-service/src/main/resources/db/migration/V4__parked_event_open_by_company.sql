-- Each poll reads the open parked events of its accounts and of its companies (an event that
-- waits for a predecessor is parked behind its company's record that names no account): both by
-- index, however many closed ones the table keeps.
CREATE INDEX parked_event_open_company ON parked_event (company_id) WHERE state = 'PARKED';
