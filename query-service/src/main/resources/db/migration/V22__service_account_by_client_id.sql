-- A service account's token acts only while its account is active: its status, found by the
-- client id the token names, on each of its calls.
CREATE INDEX service_account_by_client_id ON service_account (client_id);
