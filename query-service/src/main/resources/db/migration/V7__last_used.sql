-- When each account, and each of its secrets, last got a token (token-service's usage reports).
-- Per secret it is kept in the secrets array as "lastUsedAt" (ISO-8601), beside "expiresAt".
ALTER TABLE service_account ADD COLUMN last_used_at timestamptz;
