-- Refused command attempts (security entries), written before the refusal is answered and removed
-- once Kafka has acknowledged them on the security topic: an outbox, so none is lost when Kafka is
-- down or the service stops between the two.
CREATE TABLE security_outbox (
    id         BIGSERIAL   PRIMARY KEY,
    company_id UUID        NOT NULL,
    entry      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
