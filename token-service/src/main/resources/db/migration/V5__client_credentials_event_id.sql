-- The id of the event that brought the row to its version: an event of the same version with
-- another id is no redelivery but a second event given that number, which is parked, not skipped.
-- Rows written before it was kept have none.
ALTER TABLE client_credentials ADD COLUMN event_id uuid;
