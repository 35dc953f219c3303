-- One meaning of a client's Peppol status, and refresh runs that cannot lose a client.

-- peppol_registration.status is what is known: the last conclusive outcome (LOOKUP_FAILED only while nothing
-- conclusive was ever learnt). The latest check sits beside it: last_check_outcome, checked_at (its time) and
-- last_check_error; confirmed_at is the time of the last conclusive check.
alter table peppol_registration rename column last_outcome to last_check_outcome;
alter table peppol_registration rename column last_error to last_check_error;
update peppol_registration set last_check_outcome = status where last_check_outcome is null;
update peppol_registration set checked_at = coalesce(last_error_at, confirmed_at, last_change_at, now()) where checked_at is null;
-- last_error_at was always checked_at of a failed check
alter table peppol_registration drop column last_error_at;
update peppol_registration set confirmed_at = null where status = 'LOOKUP_FAILED';
update peppol_registration set last_check_error = null where last_check_outcome <> 'LOOKUP_FAILED';
alter table peppol_registration
    add constraint peppol_registration_unknown_never_confirmed check (status <> 'LOOKUP_FAILED' or confirmed_at is null);

-- Runs: HELD (a downgrade guard kept back its REGISTERED → NOT_REGISTERED changes), progress counters on the row
-- (a progress poll reads one row), and a lease the owner renews: another instance takes over only after it expired.
alter table peppol_refresh_run drop constraint peppol_refresh_run_status_check;
alter table peppol_refresh_run add constraint peppol_refresh_run_status_check
    check (status in ('QUEUED', 'RUNNING', 'HELD', 'DONE', 'FAILED'));
alter table peppol_refresh_run
    add column lease_until      timestamptz,
    add column done             int not null default 0,
    add column registered       int not null default 0,
    add column not_registered   int not null default 0,
    add column hermes_only      int not null default 0,
    add column no_identifier    int not null default 0,
    add column failed           int not null default 0,
    add column registered_before int not null default 0,
    add column held_downgrades  int not null default 0,
    add column decided_by       text,
    add column decided_at       timestamptz;
update peppol_refresh_run set lease_until = heartbeat_at + interval '1 minute';
update peppol_refresh_run r set
    done           = n.done,
    registered     = n.registered,
    not_registered = n.not_registered,
    hermes_only    = n.hermes_only,
    no_identifier  = n.no_identifier,
    failed         = n.failed
from (select run_id,
             count(*) filter (where state = 'DONE') as done,
             count(*) filter (where outcome = 'REGISTERED') as registered,
             count(*) filter (where outcome = 'NOT_REGISTERED') as not_registered,
             count(*) filter (where outcome = 'HERMES_ONLY') as hermes_only,
             count(*) filter (where outcome = 'NO_IDENTIFIER') as no_identifier,
             count(*) filter (where outcome = 'LOOKUP_FAILED') as failed
      from peppol_refresh_item group by run_id) n
where n.run_id = r.id;
drop index peppol_refresh_run_active_idx;
create index peppol_refresh_run_active_idx on peppol_refresh_run (status) where status in ('QUEUED', 'RUNNING', 'HELD');
create index peppol_refresh_run_finished_idx on peppol_refresh_run (finished_at) where finished_at is not null;

-- Items: CLAIMED by one worker (claim_token, until claim_until), then DONE, HELD (the pending result is kept in
-- held_result until the run is confirmed or discarded) or FAILED (look-up or write failed on every attempt).
alter table peppol_refresh_item drop constraint peppol_refresh_item_state_check;
alter table peppol_refresh_item add constraint peppol_refresh_item_state_check
    check (state in ('PENDING', 'CLAIMED', 'DONE', 'HELD', 'FAILED'));
alter table peppol_refresh_item
    add column claimed_by  text,
    add column claim_token uuid,
    add column claim_until timestamptz,
    add column held_result jsonb,
    add column error       text;
drop index peppol_refresh_item_pending_idx;
create index peppol_refresh_item_open_idx on peppol_refresh_item (run_id, client_id) where state in ('PENDING', 'CLAIMED');
create index peppol_refresh_item_held_idx on peppol_refresh_item (run_id, client_id) where state = 'HELD';
