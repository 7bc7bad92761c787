-- The contact email is kept as the event carries it: sealed with the account's data key, which
-- lives in command-service's database. It is opened when an account is read, and reads as erased
-- once the key is destroyed (the account purged): this table never holds the email in the clear.
ALTER TABLE service_account RENAME COLUMN contact_email TO encrypted_contact_email;
