-- Custom-field values live in their own narrow table, not in the client row (issue 13: a bulk edit of every client of
-- a million took 35-39 s, 27 s of it the UPDATE). A change of a client's custom fields is never a HOT update (the
-- custom-field expression indexes read the document), so in the client row it wrote a new entry into every one of
-- the client's 8 indexes: name, reference, enterprise number, responsible user, primary key and the custom-field
-- ones. In client_fields the same change writes the narrow row, its primary key and the custom-field indexes only
-- (measured on a million clients: the plain UPDATE of every row 12.1 s instead of 24.3 s).
--
-- Readers read client_with_fields (one row per client, as client was); writers write client or client_fields, never
-- both in one statement (the count triggers below see a statement's final state: one table per statement keeps each
-- trigger's deltas right). The version a client shows is the sum of both rows' versions; each write bumps one of them.
create table client_fields (
    client_id     uuid primary key references client (id) on delete cascade,
    custom_fields jsonb not null default '{}'::jsonb,
    version       bigint not null default 0,
    -- when a write of the custom fields alone last changed them (a client edit bumps client.updated_at instead)
    updated_at    timestamptz
);

insert into client_fields (client_id, custom_fields) select id, custom_fields from client;

-- the custom-field indexes on client go with the column; the index job builds them again on client_fields from
-- cf_index_wanted (clientquery.CustomFieldIndexes)
alter table client drop column custom_fields;

-- every client has its fields row, checked at commit: a writer inserts the client, then its fields row
alter table client add constraint client_has_fields foreign key (id) references client_fields (client_id)
    deferrable initially deferred;

create view client_with_fields as
select c.id, c.reference, c.name, c.type, c.legal_form, c.enterprise_number, c.vat_number, c.vat_liable, c.email,
       c.language, c.street, c.postal_code, c.city, c.country, c.responsible_user_id, c.status, f.custom_fields,
       c.version + f.version as version, c.created_at, greatest(c.updated_at, f.updated_at) as updated_at,
       -- for writers that snapshot a selection and then update each row where it is (portfolio.BulkEditRepository)
       c.ctid as client_tid, c.version as client_version, f.ctid as fields_tid, f.version as fields_version
  -- a left join on the primary key: a query that reads no column of client_fields does not join it at all
  from client c left join client_fields f on f.client_id = c.id;

-- The count dimensions of a client's custom fields alone (V80's client_count_dims without the standard ones).
create function client_count_field_dims(p_cf jsonb)
returns table (dim text, has_value boolean, value text) language sql stable as $$
    select 'cf.' || f.key, v.has_value, v.value
      from cf_field f cross join lateral client_count_values(p_cf, f.key, f.type) v
     where f.type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT')
$$;

-- The client trigger counts the standard dimensions and the Peppol ones; a change of status also moves the client's
-- custom-field counts, read from its fields row as it stands. The fields trigger counts the custom fields.
-- tracker.bulk_edit_counted (V98): 'on' when the statement counted everything itself (both triggers add nothing),
-- 'fields' when it counted the custom fields only (a bulk edit that also changes the status).
create or replace function client_count_on_client() returns trigger language plpgsql
    set enable_hashjoin = on set enable_mergejoin = on as $$
declare
    d text[]; s text[]; h boolean[]; v text[]; n bigint[];
begin
    if tg_op = 'UPDATE' and current_setting('tracker.bulk_edit_counted', true) = 'on' then return null; end if;
    if tg_op = 'INSERT' then
        -- the custom fields are counted when the client's fields row is inserted
        with x as (
            select k.dim, c.status, true as has_value, k.value, 1::bigint as n
              from new_rows c cross join lateral (values ('type', c.type), ('language', c.language), ('status', c.status),
                                                          ('vatLiable', c.vat_liable::text)) k(dim, value)
            union all
            select pd.dim, c.status, pd.value is not null, coalesce(pd.value, ''), 1
              from new_rows c left join peppol_registration p on p.client_id = c.id
             cross join lateral (values ('peppol.status', p.status), ('peppol.accessPointName', p.access_point_name)) pd(dim, value)
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    elsif tg_op = 'DELETE' then
        -- the cascade has removed the registrations and fields rows already: count the clients under no Peppol value
        -- here, and let the registration and fields triggers, which run next, take their rows out of the counts
        -- under the status kept in client_count_deleted
        delete from client_count_deleted;
        insert into client_count_deleted (client_id, status) select id, status from old_rows;
        with x as (
            select k.dim, c.status, true as has_value, k.value, -1::bigint as n
              from old_rows c cross join lateral (values ('type', c.type), ('language', c.language), ('status', c.status),
                                                          ('vatLiable', c.vat_liable::text)) k(dim, value)
            union all
            select pd.dim, c.status, false, '', -1
              from old_rows c cross join (values ('peppol.status'), ('peppol.accessPointName')) pd(dim)
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    else
        with ch as (
            select o.id, o.type ot, o.language ol, o.status os, o.vat_liable ov,
                   w.type nt, w.language nl, w.status ns, w.vat_liable nv
              from old_rows o join new_rows w on w.id = o.id
             where (o.type, o.language, o.status, o.vat_liable) is distinct from (w.type, w.language, w.status, w.vat_liable)
        ), x as (
            select k.dim, ch.os as status, true as has_value, k.value, -1::bigint as n
              from ch cross join lateral (values ('type', ch.ot), ('language', ch.ol), ('status', ch.os), ('vatLiable', ch.ov::text)) k(dim, value)
            union all
            select k.dim, ch.ns, true, k.value, 1
              from ch cross join lateral (values ('type', ch.nt), ('language', ch.nl), ('status', ch.ns), ('vatLiable', ch.nv::text)) k(dim, value)
            union all
            -- archiving moves the client's custom-field and Peppol values from one client status to the other
            select k.dim, sd.status, k.has_value, k.value, sd.n
              from ch join client_fields f on f.client_id = ch.id
             cross join lateral client_count_field_dims(f.custom_fields) k
             cross join lateral (values (ch.os, -1::bigint), (ch.ns, 1::bigint)) sd(status, n)
             where ch.os <> ch.ns
            union all
            select pd.dim, sd.status, pd.value is not null, coalesce(pd.value, ''), sd.n
              from ch left join peppol_registration p on p.client_id = ch.id
             cross join lateral (values ('peppol.status', p.status), ('peppol.accessPointName', p.access_point_name)) pd(dim, value)
             cross join lateral (values (ch.os, -1::bigint), (ch.ns, 1::bigint)) sd(status, n)
             where ch.os <> ch.ns
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    end if;
    if d is not null then perform client_count_add(d, s, h, v, n); end if;
    return null;
end $$;

create function client_count_on_fields() returns trigger language plpgsql
    set enable_hashjoin = on set enable_mergejoin = on as $$
declare
    d text[]; s text[]; h boolean[]; v text[]; n bigint[];
begin
    if tg_op = 'UPDATE' and current_setting('tracker.bulk_edit_counted', true) in ('on', 'fields') then return null; end if;
    if tg_op = 'INSERT' then
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select k.dim, c.status, k.has_value, k.value, count(*)::bigint as n
                  from new_rows w join client c on c.id = w.client_id
                 cross join lateral client_count_field_dims(w.custom_fields) k
                 group by 1, 2, 3, 4) g;
    elsif tg_op = 'DELETE' then
        -- deleted with their client (the cascade): its status is in client_count_deleted
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select k.dim, coalesce(c.status, del.status) as status, k.has_value, k.value, -count(*)::bigint as n
                  from old_rows o left join client c on c.id = o.client_id
                  left join client_count_deleted del on c.id is null and del.client_id = o.client_id
                 cross join lateral client_count_field_dims(o.custom_fields) k
                 where coalesce(c.status, del.status) is not null
                 group by 1, 2, 3, 4) g;
    else
        -- each custom field only when its value changed, in the client's status
        with ch as (
            select c.status, o.custom_fields ocf, w.custom_fields ncf
              from old_rows o join new_rows w on w.client_id = o.client_id join client c on c.id = w.client_id
             where o.custom_fields is distinct from w.custom_fields
        ), f as (
            select key, type from cf_field where type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT')
        ), x as (
            select 'cf.' || f.key as dim, ch.status, v.has_value, v.value, -1::bigint as n
              from ch join f on ch.ocf -> f.key is distinct from ch.ncf -> f.key
             cross join lateral client_count_values(ch.ocf, f.key, f.type) v
            union all
            select 'cf.' || f.key, ch.status, v.has_value, v.value, 1
              from ch join f on ch.ocf -> f.key is distinct from ch.ncf -> f.key
             cross join lateral client_count_values(ch.ncf, f.key, f.type) v
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    end if;
    if d is not null then perform client_count_add(d, s, h, v, n); end if;
    return null;
end $$;

create trigger fields_count_ins after insert on client_fields referencing new table as new_rows
    for each statement execute function client_count_on_fields();
create trigger fields_count_upd after update on client_fields referencing old table as old_rows new table as new_rows
    for each statement execute function client_count_on_fields();
create trigger fields_count_del after delete on client_fields referencing old table as old_rows
    for each statement execute function client_count_on_fields();

-- V80's recount and rebuild, reading the custom fields from client_fields
create or replace function client_count_recount_fields(p_keys text[]) returns void language sql as $$
    delete from client_count where dim in (select 'cf.' || k from unnest(p_keys) k);
    insert into client_count (dim, client_status, has_value, value, n)
    select k.dim, c.status, k.has_value, k.value, count(*)
      from client c join client_fields f on f.client_id = c.id cross join lateral client_count_field_dims(f.custom_fields) k
     where k.dim in (select 'cf.' || k from unnest(p_keys) k)
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4;
$$;

create or replace function client_count_rebuild() returns void language sql as $$
    delete from client_count;
    insert into client_count (dim, client_status, has_value, value, n)
    select k.dim, c.status, true, k.value, count(*)
      from client c cross join lateral (values ('type', c.type), ('language', c.language), ('status', c.status),
                                                ('vatLiable', c.vat_liable::text)) k(dim, value)
     group by 1, 2, 3, 4;
    insert into client_count (dim, client_status, has_value, value, n)
    select k.dim, c.status, k.has_value, k.value, count(*)
      from client c join client_fields f on f.client_id = c.id cross join lateral client_count_field_dims(f.custom_fields) k
     group by 1, 2, 3, 4;
    insert into client_count (dim, client_status, has_value, value, n)
    select pd.dim, c.status, pd.value is not null, coalesce(pd.value, ''), count(*)
      from client c left join peppol_registration p on p.client_id = c.id
     cross join lateral (values ('peppol.status', p.status), ('peppol.accessPointName', p.access_point_name)) pd(dim, value)
     group by 1, 2, 3, 4;
    delete from peppol_status_day;
    insert into peppol_status_day (day, status, n)
    select x.day, x.status, sum(x.n)
      from client_history h
     cross join lateral (values ((h.at at time zone 'Europe/Brussels')::date, h.new_value #>> '{}', 1::bigint),
                                ((h.at at time zone 'Europe/Brussels')::date, h.old_value #>> '{}', -1::bigint)) x(day, status, n)
     where h.kind = 'PEPPOL' and h.field = 'peppol.status' and x.status is not null
     group by 1, 2
    having sum(x.n) <> 0;
$$;

-- client_count_dims read the client's document: it has no caller left
drop function client_count_dims(text, text, text, boolean, jsonb);
