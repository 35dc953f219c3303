-- One rule for custom-field keys, the same expression as FieldKeys.RULE in Java: field keys are written into SQL as
-- literals by the client query language and name expression indexes, so the database refuses anything else too.
alter table cf_field add constraint cf_field_key_check check (key ~ '^[a-z][a-z0-9_]{1,62}$');

-- Custom fields whose expression index on client.custom_fields is wanted (filtered or sorted by, shown in the client
-- list, used by a saved view), with the background job's build attempts (clientquery.CustomFieldIndexes). The row
-- goes with its field; the job then drops the field's index.
create table cf_index_wanted (
    field_key       text primary key references cf_field (key) on delete cascade,
    wanted_at       timestamptz not null default now(),
    failures        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text
);
