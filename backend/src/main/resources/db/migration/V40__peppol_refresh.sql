-- Peppol registration refresh: last check outcome apart from the last known status, and durable runs.

-- peppol_registration.status keeps the last *known* status (REGISTERED, NOT_REGISTERED, HERMES_ONLY,
-- NO_IDENTIFIER); a failed look-up does not overwrite it. It is LOOKUP_FAILED only while nothing was ever
-- learnt about the client. last_outcome is the outcome of the latest check, LOOKUP_FAILED included.
alter table peppol_registration
    add column last_outcome text check (last_outcome in ('REGISTERED', 'NOT_REGISTERED', 'HERMES_ONLY', 'NO_IDENTIFIER', 'LOOKUP_FAILED'));
update peppol_registration set last_outcome = status where last_outcome is null;

create table peppol_refresh_run (
    id           uuid primary key default gen_random_uuid(),
    kind         text not null check (kind in ('NIGHTLY', 'MANUAL')),
    -- Nightly runs: the Europe/Brussels date they belong to; unique, so one nightly run per date
    -- however many instances fire the trigger.
    run_date     date,
    status       text not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    actor_id     uuid,
    actor_name   text,
    total        int not null default 0,
    owner        text,
    heartbeat_at timestamptz,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    error        text
);
create unique index peppol_refresh_run_nightly_uk on peppol_refresh_run (run_date) where kind = 'NIGHTLY';
create index peppol_refresh_run_active_idx on peppol_refresh_run (status) where status in ('QUEUED', 'RUNNING');

create table peppol_refresh_item (
    run_id    uuid not null references peppol_refresh_run (id) on delete cascade,
    client_id uuid not null references client (id) on delete cascade,
    state     text not null default 'PENDING' check (state in ('PENDING', 'DONE')),
    outcome   text,
    attempts  int not null default 0,
    done_at   timestamptz,
    primary key (run_id, client_id)
);
create index peppol_refresh_item_pending_idx on peppol_refresh_item (run_id, client_id) where state = 'PENDING';
create index peppol_refresh_item_client_idx on peppol_refresh_item (client_id);
