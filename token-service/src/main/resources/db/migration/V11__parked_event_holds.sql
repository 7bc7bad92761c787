-- Whether a parked event holds its account's later events of its company: an event that was read
-- does; a record that did not read, though it names an account, holds nothing (no command side's
-- record is unreadable, so a forged one must not stop a real account), and its account's next
-- events, which then wait for a predecessor, are parked behind it all the same.
ALTER TABLE parked_event ADD COLUMN holds boolean;
UPDATE parked_event SET holds = account_id IS NOT NULL;
ALTER TABLE parked_event ALTER COLUMN holds SET NOT NULL;
