-- A service account's levels now and when its tokens last stopped acting, beside its client id:
-- command-service checks a service account's calls against the levels it has now (a token carries
-- those it was issued with) and refuses tokens issued before its last deactivation or deletion.
-- levels: tool id to level, only the levels it grants (as the account's matrix holds them), filled
-- from the event store: each tool's level after the account's last change of it.
ALTER TABLE service_account_lookup ADD COLUMN levels JSONB NOT NULL DEFAULT '{}';
ALTER TABLE service_account_lookup ADD COLUMN tokens_not_before TIMESTAMPTZ;

UPDATE service_account_lookup lookup SET levels = coalesce(
    (SELECT jsonb_object_agg(latest.tool, latest.level)
       FROM (SELECT DISTINCT ON (change.key) change.key AS tool, change.value ->> 'after' AS level
               FROM domainevententry event,
                    jsonb_each(convert_from(event.payload, 'UTF8')::jsonb -> 'changes') AS change
              WHERE event.aggregateidentifier = lookup.account_id::text
                AND event.payloadtype LIKE '%ServiceAccountPermissionsChanged'
              ORDER BY change.key, event.sequencenumber DESC) latest
      WHERE latest.level IS NOT NULL AND latest.level <> 'NONE'),
    '{}');
