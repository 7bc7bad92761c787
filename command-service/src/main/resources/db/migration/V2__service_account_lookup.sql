-- Set-based rules the aggregate alone cannot decide: a client id names one account, and a
-- contact email belongs to one service account in one company directory. Written in the same
-- transaction as the event append, so two concurrent creates cannot both win.
CREATE TABLE service_account_lookup (
    account_id    UUID         PRIMARY KEY,
    company_id    UUID         NOT NULL,
    client_id     VARCHAR(64)  NOT NULL,
    contact_email VARCHAR(320) NOT NULL,
    CONSTRAINT service_account_lookup_client_id_key UNIQUE (client_id)
);

CREATE UNIQUE INDEX service_account_lookup_contact_email_key
    ON service_account_lookup (lower(contact_email));
