-- When a re-drive published the parked event, while its copy is on its way back: a second re-drive
-- is refused meanwhile (each is applied once), and the copy, applied or parked again, ends it.
ALTER TABLE parked_event ADD COLUMN redriven_at timestamptz;
