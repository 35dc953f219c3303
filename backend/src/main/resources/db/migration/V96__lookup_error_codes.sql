-- Issue 10: a look-up failure carries a stable code with its params beside the English message (the SPA says it in
-- fr / nl / en), from the registry peppol.lookup.LookupError: the last check of a registration, a refresh run's
-- item that failed on every attempt, and a run that stopped (the SML zone cannot be seen). Rows written before keep
-- only their English message (no code): the SPA shows that.
alter table peppol_registration
    add column last_check_error_code   text,
    add column last_check_error_params jsonb;
alter table peppol_refresh_item
    add column error_code   text,
    add column error_params jsonb;
alter table peppol_refresh_run
    add column error_code   text,
    add column error_params jsonb;
