-- Whether an account is deactivated, beside its client id: a service account's token acts only
-- while its account is active (neither deactivated nor deleted). Filled from the event store for
-- the accounts that exist: the later of each account's deactivations and reactivations decides.
ALTER TABLE service_account_lookup ADD COLUMN deactivated BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE service_account_lookup lookup SET deactivated = TRUE
 WHERE (SELECT event.payloadtype FROM domainevententry event
         WHERE event.aggregateidentifier = lookup.account_id::text
           AND (event.payloadtype LIKE '%ServiceAccountDeactivated%'
                OR event.payloadtype LIKE '%ServiceAccountReactivated%')
         ORDER BY event.sequencenumber DESC LIMIT 1) LIKE '%ServiceAccountDeactivated%';
