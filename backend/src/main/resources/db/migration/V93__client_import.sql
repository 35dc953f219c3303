-- One row per applied spreadsheet import (portfolio.ClientImportService); client_history.import_id points here,
-- as bulk_edit_id does for a bulk edit.
create table client_import (
    id         uuid primary key,
    actor_id   uuid,
    actor_name text,
    file_name  text,
    rows       int not null,
    created    int not null,
    changed    int not null,
    created_at timestamptz not null default now()
);
alter table client_history add column import_id uuid;
