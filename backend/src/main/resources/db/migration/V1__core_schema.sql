-- Core schema of the Peppol onboarding tracker. Later features add their own migrations;
-- never edit this file once applied.

-- Users, sessions, API tokens ------------------------------------------------------------
create table app_user (
    id            uuid primary key default gen_random_uuid(),
    email         text not null,
    name          text not null,
    role          text not null check (role in ('ADMIN', 'STAFF', 'VIEWER')),
    password_hash text not null,
    language      text not null default 'fr' check (language in ('fr', 'nl', 'en')),
    active        boolean not null default true,
    version       bigint not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index app_user_email_uk on app_user (lower(email));

-- Session cookie values and API token secrets are stored as SHA-256 hashes only.
create table user_session (
    token_hash   text primary key,
    user_id      uuid not null references app_user (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null
);
create index user_session_user_idx on user_session (user_id);

create table api_token (
    id           uuid primary key default gen_random_uuid(),
    user_id      uuid not null references app_user (id) on delete cascade,
    name         text not null,
    scopes       text[] not null,
    token_hash   text not null unique,
    token_prefix text not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create table login_failure (
    id        bigserial primary key,
    email     text not null,
    failed_at timestamptz not null default now()
);
create index login_failure_email_idx on login_failure (lower(email), failed_at);

-- Custom-field definitions -----------------------------------------------------------------
create table cf_category (
    id                   uuid primary key default gen_random_uuid(),
    key                  text not null unique,
    labels               jsonb not null,
    position             int not null default 0,
    show_in_client_list  boolean not null default false,
    version              bigint not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

create table cf_field (
    id           uuid primary key default gen_random_uuid(),
    category_id  uuid not null references cf_category (id),
    key          text not null unique,
    labels       jsonb not null,
    type         text not null check (type in ('TEXT', 'LONG_TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT', 'MULTI_SELECT', 'DOCUMENT', 'SYSTEM')),
    required     boolean not null default false,
    position     int not null default 0,
    -- A select field may offer the options of another field (both Peppol software fields share one list).
    option_source_field_id uuid references cf_field (id),
    version      bigint not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index cf_field_category_idx on cf_field (category_id, position);

create table cf_option (
    id        uuid primary key default gen_random_uuid(),
    field_id  uuid not null references cf_field (id) on delete cascade,
    key       text not null,
    labels    jsonb not null,
    position  int not null default 0,
    active    boolean not null default true,
    version   bigint not null default 0,
    unique (field_id, key)
);

-- Clients ----------------------------------------------------------------------------------
-- Custom-field values live in one jsonb document per client ({fieldKey: value}); a bulk edit is
-- then one UPDATE with `custom_fields || $changes`, and filters read typed expressions on it.
create table client (
    id                  uuid primary key default gen_random_uuid(),
    reference           text,
    name                text not null,
    type                text not null default 'COMPANY' check (type in ('COMPANY', 'PERSON')),
    legal_form          text,
    enterprise_number   char(10),
    vat_number          text,
    vat_liable          boolean not null default false,
    email               text,
    language            text not null default 'fr' check (language in ('fr', 'nl', 'en', 'de')),
    street              text,
    postal_code         text,
    city                text,
    country             text,
    responsible_user_id uuid references app_user (id),
    status              text not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
    custom_fields       jsonb not null default '{}'::jsonb,
    version             bigint not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create unique index client_reference_uk on client (reference) where reference is not null;
create index client_enterprise_number_idx on client (enterprise_number);
create index client_name_idx on client (lower(name), id);

-- Uploaded files of DOCUMENT fields; client.custom_fields keeps {name, size, contentType}.
create table client_document (
    client_id    uuid not null references client (id) on delete cascade,
    field_key    text not null,
    name         text not null,
    content_type text not null,
    size         bigint not null,
    data         bytea not null,
    uploaded_at  timestamptz not null default now(),
    primary key (client_id, field_key)
);

-- Every change to a client: field edits, bulk edits, Peppol status changes, emails.
create table client_history (
    id           bigserial primary key,
    client_id    uuid not null references client (id) on delete cascade,
    at           timestamptz not null default now(),
    actor_id     uuid,
    actor_name   text,
    kind         text not null,
    field        text,
    old_value    jsonb,
    new_value    jsonb,
    bulk_edit_id uuid
);
create index client_history_client_idx on client_history (client_id, at desc, id desc);

-- Last known Peppol registration of each client (written by the registration refresh only).
create table peppol_registration (
    client_id             uuid primary key references client (id) on delete cascade,
    status                text not null check (status in ('REGISTERED', 'NOT_REGISTERED', 'HERMES_ONLY', 'NO_IDENTIFIER', 'LOOKUP_FAILED')),
    participant_id        text,
    access_point_name     text,
    access_point_seat_id  text,
    access_point_country  text,
    smp_host              text,
    endpoint_url          text,
    document_types        jsonb not null default '[]'::jsonb,
    can_receive_invoices  boolean not null default false,
    checked_at            timestamptz,
    confirmed_at          timestamptz,
    last_change_at        timestamptz,
    last_error            text,
    last_error_at         timestamptz
);
create index peppol_registration_status_idx on peppol_registration (status);
