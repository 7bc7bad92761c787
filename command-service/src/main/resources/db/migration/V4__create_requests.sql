-- Creates sent with an Idempotency-Key: a retry with the same key and body gets the first
-- result instead of a second account. Written in the transaction that stores the creation event.
CREATE TABLE create_request (
    company_id      UUID         NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    account_id      UUID         NOT NULL,
    client_id       VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, idempotency_key)
);
