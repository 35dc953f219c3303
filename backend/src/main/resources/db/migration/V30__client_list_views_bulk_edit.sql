-- Client list at scale: saved control views, bulk edits (idempotency and history link), figures.

-- Saved views of the client list: filter + columns + sort, personal (owner) or shared in the firm.
create table control_view (
    id           uuid primary key default gen_random_uuid(),
    name         text not null,
    filter       text not null default '',
    columns      jsonb not null default '[]'::jsonb,
    sort         text not null default '',
    shared       boolean not null default false,
    owner_id     uuid references app_user (id) on delete cascade,
    -- set on views the application ships (they cannot be deleted)
    standard_key text unique,
    version      bigint not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index control_view_owner_idx on control_view (owner_id);

-- The standard "Suivi PEPPOL" view. "lastInfoEmailAt" is the date of the last informative Peppol email
-- (filled in once email sending exists; empty until then).
insert into control_view (name, filter, columns, sort, shared, standard_key) values (
    'Suivi PEPPOL', '',
    '["name", "enterpriseNumber", "vatNumber", "cf.peppol_registered", "cf.peppol_software_receive",
      "cf.peppol_software_send", "cf.peppol_ready", "cf.peppol_comments", "lastInfoEmailAt"]'::jsonb,
    'name', true, 'peppol_follow_up');

-- One row per applied bulk edit; client_history.bulk_edit_id points here. A repeated Idempotency-Key of the
-- same user finds the first result here instead of applying twice.
create table bulk_edit (
    id              uuid primary key,
    actor_id        uuid,
    actor_name      text,
    idempotency_key text,
    request_hash    text not null,
    selection       jsonb not null,
    changes         jsonb not null,
    matched         int not null,
    changed         int not null,
    created_at      timestamptz not null default now()
);
create unique index bulk_edit_idempotency_uk on bulk_edit (actor_id, idempotency_key) where idempotency_key is not null;

-- Daily series of the Peppol dashboard.
create index client_history_peppol_status_idx on client_history (at) where kind = 'PEPPOL' and field = 'peppol.status';
-- Grouping and filtering by access point.
create index peppol_registration_access_point_idx on peppol_registration (access_point_name);
