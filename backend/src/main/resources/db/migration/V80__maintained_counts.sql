-- Maintained counts for the dashboard and the unfiltered stats (issue 13): a request reads a few hundred rows
-- instead of grouping every client. Statement-level triggers with transition tables keep them right in the
-- transaction of every writer (client edits, bulk edits, imports, archiving, option moves, refresh runs), set-based:
-- one aggregate per statement, nothing per row.
--
-- client_count: clients per value of each low-cardinality selector, split by client status (the dashboard counts
-- active clients, the stats every client). The selectors: type, language, status, vatLiable, peppol.status,
-- peppol.accessPointName and every custom field of type SELECT, BOOLEAN or MULTI_SELECT (one row per element;
-- a client without an element counts once under no value), as ClientStatsService groups them.
create table client_count (
    dim           text    not null,
    client_status text    not null,
    has_value     boolean not null,
    value         text    not null,
    n             bigint  not null,
    primary key (dim, client_status, has_value, value)
);

-- Net number of clients that moved into each Peppol status on each day (Europe/Brussels), from the history rows the
-- refresh runs write (field peppol.status: +1 for the new status, -1 for the old one): the dashboard's daily series
-- walks back from today's counts through these rows.
create table peppol_status_day (
    day    date   not null,
    status text   not null,
    n      bigint not null,
    primary key (day, status)
);

-- Clients deleted by the current statement, with their status, for the registration trigger that runs after the
-- cascade (the client row is gone by then). Emptied by the next client deletion.
create table client_count_deleted (
    client_id uuid primary key,
    status    text not null
);

-- The (has_value, value) pairs one client contributes to a countable custom field: its value (SELECT, BOOLEAN), or
-- each element of its array (MULTI_SELECT), or one "no value".
create function client_count_values(p_cf jsonb, p_key text, p_type text)
returns table (has_value boolean, value text) language sql immutable as $$
    select v.value is not null, coalesce(v.value, '')
      from (select p_cf ->> p_key as value where p_type in ('SELECT', 'BOOLEAN')
            union all
            select e.value
              from jsonb_array_elements_text(case when jsonb_typeof(p_cf -> p_key) = 'array' then p_cf -> p_key else '[]'::jsonb end) e(value)
             where p_type = 'MULTI_SELECT'
            union all
            select null where p_type = 'MULTI_SELECT'
                          and (jsonb_typeof(p_cf -> p_key) is distinct from 'array' or jsonb_array_length(p_cf -> p_key) = 0)) v
$$;

-- Every (dim, has_value, value) one client contributes, from its own columns.
create function client_count_dims(p_type text, p_language text, p_status text, p_vat_liable boolean, p_cf jsonb)
returns table (dim text, has_value boolean, value text) language sql stable as $$
    select 'type', true, p_type
    union all select 'language', true, p_language
    union all select 'status', true, p_status
    union all select 'vatLiable', true, p_vat_liable::text
    union all
    select 'cf.' || f.key, v.has_value, v.value
      from cf_field f cross join lateral client_count_values(p_cf, f.key, f.type) v
     where f.type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT')
$$;

-- Adds deltas to client_count. Rows are taken in key order so that two transactions touching the same rows lock
-- them in the same order (no deadlock); the upsert increments in place (no lost update).
create function client_count_add(p_dim text[], p_status text[], p_has boolean[], p_value text[], p_n bigint[])
returns void language sql as $$
    insert into client_count as cc (dim, client_status, has_value, value, n)
    select d, s, h, v, sum(n)
      from unnest(p_dim, p_status, p_has, p_value, p_n) as x(d, s, h, v, n)
     group by d, s, h, v
    having sum(n) <> 0
     order by d, s, h, v
    on conflict (dim, client_status, has_value, value) do update set n = cc.n + excluded.n
$$;

create function client_count_on_client() returns trigger language plpgsql as $$
declare
    d text[]; s text[]; h boolean[]; v text[]; n bigint[];
begin
    if tg_op = 'INSERT' then
        with x as (
            select k.dim, c.status, k.has_value, k.value, 1::bigint as n
              from new_rows c cross join lateral client_count_dims(c.type, c.language, c.status, c.vat_liable, c.custom_fields) k
            union all
            select pd.dim, c.status, pd.value is not null, coalesce(pd.value, ''), 1
              from new_rows c left join peppol_registration p on p.client_id = c.id
             cross join lateral (values ('peppol.status', p.status), ('peppol.accessPointName', p.access_point_name)) pd(dim, value)
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    elsif tg_op = 'DELETE' then
        -- the cascade has removed the registrations already: count the clients under no Peppol value here, and let
        -- the registration trigger, which runs next, move its rows from their value to no value
        delete from client_count_deleted;
        insert into client_count_deleted (client_id, status) select id, status from old_rows;
        with x as (
            select k.dim, c.status, k.has_value, k.value, -1::bigint as n
              from old_rows c cross join lateral client_count_dims(c.type, c.language, c.status, c.vat_liable, c.custom_fields) k
            union all
            select pd.dim, c.status, false, '', -1
              from old_rows c cross join (values ('peppol.status'), ('peppol.accessPointName')) pd(dim)
        )
        select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
          into d, s, h, v, n
          from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    else
        with ch as (
            select o.id, o.type ot, o.language ol, o.status os, o.vat_liable ov, o.custom_fields ocf,
                   w.type nt, w.language nl, w.status ns, w.vat_liable nv, w.custom_fields ncf
              from old_rows o join new_rows w on w.id = o.id
             where (o.type, o.language, o.status, o.vat_liable, o.custom_fields)
                   is distinct from (w.type, w.language, w.status, w.vat_liable, w.custom_fields)
        ), f as (
            select key, type from cf_field where type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT')
        ), x as (
            -- a value that did not change adds nothing: each client's standard fields only when one of them (or the
            -- status) changed, each custom field only when its value (or the status) changed
            select k.dim, ch.os as status, true as has_value, k.value, -1::bigint as n
              from ch cross join lateral (values ('type', ch.ot), ('language', ch.ol), ('status', ch.os), ('vatLiable', ch.ov::text)) k(dim, value)
             where (ch.ot, ch.ol, ch.os, ch.ov) is distinct from (ch.nt, ch.nl, ch.ns, ch.nv)
            union all
            select k.dim, ch.ns, true, k.value, 1
              from ch cross join lateral (values ('type', ch.nt), ('language', ch.nl), ('status', ch.ns), ('vatLiable', ch.nv::text)) k(dim, value)
             where (ch.ot, ch.ol, ch.os, ch.ov) is distinct from (ch.nt, ch.nl, ch.ns, ch.nv)
            union all
            select 'cf.' || f.key, ch.os, v.has_value, v.value, -1
              from ch join f on ch.os <> ch.ns or ch.ocf -> f.key is distinct from ch.ncf -> f.key
             cross join lateral client_count_values(ch.ocf, f.key, f.type) v
            union all
            select 'cf.' || f.key, ch.ns, v.has_value, v.value, 1
              from ch join f on ch.os <> ch.ns or ch.ocf -> f.key is distinct from ch.ncf -> f.key
             cross join lateral client_count_values(ch.ncf, f.key, f.type) v
            union all
            -- archiving moves the client's Peppol values from one client status to the other
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

create trigger client_count_ins after insert on client referencing new table as new_rows
    for each statement execute function client_count_on_client();
create trigger client_count_upd after update on client referencing old table as old_rows new table as new_rows
    for each statement execute function client_count_on_client();
create trigger client_count_del after delete on client referencing old table as old_rows
    for each statement execute function client_count_on_client();

-- Registrations changed by one statement: -1 under the old values (no value when it is new), +1 under the new ones
-- (no value when it is gone), in the client's status (a client deleted by this statement: the status it had).
create function registration_count_apply(p_client uuid[], p_os text[], p_oa text[], p_ns text[], p_na text[])
returns void language plpgsql as $$
declare
    d text[]; s text[]; h boolean[]; v text[]; n bigint[];
begin
    with placed as (
        select ch.*, coalesce(c.status, del.status) as cs
          from unnest(p_client, p_os, p_oa, p_ns, p_na) as ch(client_id, os, oa, ns, na)
          left join client c on c.id = ch.client_id
          left join client_count_deleted del on c.id is null and del.client_id = ch.client_id
         where ch.os is distinct from ch.ns or ch.oa is distinct from ch.na
    ), x as (
        select pd.dim, pl.cs as status, pd.value is not null as has_value, coalesce(pd.value, '') as value, pd.n
          from placed pl
         cross join lateral (values ('peppol.status', pl.os, -1::bigint), ('peppol.status', pl.ns, 1::bigint),
                                    ('peppol.accessPointName', pl.oa, -1::bigint), ('peppol.accessPointName', pl.na, 1::bigint)) pd(dim, value, n)
         where pl.cs is not null
    )
    select array_agg(g.dim), array_agg(g.status), array_agg(g.has_value), array_agg(g.value), array_agg(g.n)
      into d, s, h, v, n
      from (select x.dim, x.status, x.has_value, x.value, sum(x.n)::bigint as n from x group by 1, 2, 3, 4 having sum(x.n) <> 0) g;
    if d is not null then perform client_count_add(d, s, h, v, n); end if;
end $$;

-- (a statement names only the transition tables its event has, hence one branch per operation)
create function client_count_on_registration() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform registration_count_apply(array_agg(w.client_id), array_agg(null::text), array_agg(null::text),
                                         array_agg(w.status), array_agg(w.access_point_name)) from new_rows w;
    elsif tg_op = 'DELETE' then
        perform registration_count_apply(array_agg(o.client_id), array_agg(o.status), array_agg(o.access_point_name),
                                         array_agg(null::text), array_agg(null::text)) from old_rows o;
    else
        perform registration_count_apply(array_agg(w.client_id), array_agg(o.status), array_agg(o.access_point_name),
                                         array_agg(w.status), array_agg(w.access_point_name))
           from old_rows o join new_rows w on w.client_id = o.client_id
          where (o.status, o.access_point_name) is distinct from (w.status, w.access_point_name);
    end if;
    return null;
end $$;

-- transition tables are per event: one trigger per operation, the same function
create trigger registration_count_ins after insert on peppol_registration referencing new table as new_rows
    for each statement execute function client_count_on_registration();
create trigger registration_count_upd after update on peppol_registration referencing old table as old_rows new table as new_rows
    for each statement execute function client_count_on_registration();
create trigger registration_count_del after delete on peppol_registration referencing old table as old_rows
    for each statement execute function client_count_on_registration();

-- A field that becomes countable (created, or its type or key changed) is counted from the clients once; one that
-- stops being countable loses its rows. Type and key changes are refused while clients hold a value, so this
-- mostly counts every client under no value.
create function client_count_recount_fields(p_keys text[]) returns void language sql as $$
    delete from client_count where dim in (select 'cf.' || k from unnest(p_keys) k);
    insert into client_count (dim, client_status, has_value, value, n)
    select k.dim, c.status, k.has_value, k.value, count(*)
      from client c cross join lateral client_count_dims(c.type, c.language, c.status, c.vat_liable, c.custom_fields) k
     where k.dim in (select 'cf.' || k from unnest(p_keys) k)
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4;
$$;

create function client_count_on_field() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform client_count_recount_fields(array_agg(w.key)) from new_rows w where w.type in ('SELECT', 'BOOLEAN', 'MULTI_SELECT') having count(*) > 0;
    elsif tg_op = 'DELETE' then
        delete from client_count cc using old_rows o where cc.dim = 'cf.' || o.key;
    else
        perform client_count_recount_fields(array_agg(k)) from (
            select o.key as k from old_rows o join new_rows w on w.id = o.id where w.key <> o.key or w.type <> o.type
            union
            select w.key from old_rows o join new_rows w on w.id = o.id where w.key <> o.key or w.type <> o.type) x
        having count(*) > 0;
    end if;
    return null;
end $$;

create trigger field_count_ins after insert on cf_field referencing new table as new_rows
    for each statement execute function client_count_on_field();
create trigger field_count_upd after update on cf_field referencing old table as old_rows new table as new_rows
    for each statement execute function client_count_on_field();
create trigger field_count_del after delete on cf_field referencing old table as old_rows
    for each statement execute function client_count_on_field();

create function peppol_status_day_add(p_day date[], p_status text[], p_n bigint[]) returns void language sql as $$
    insert into peppol_status_day as sd (day, status, n)
    select x.day, x.status, sum(x.n)
      from unnest(p_day, p_status, p_n) as x(day, status, n)
     where x.status is not null
     group by 1, 2
    having sum(x.n) <> 0
     order by 1, 2
    on conflict (day, status) do update set n = sd.n + excluded.n
$$;

-- each peppol.status history row moved one client into its new status and out of its old one on its day
create function peppol_status_day_on_history() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        perform peppol_status_day_add(array_agg(x.day), array_agg(x.status), array_agg(x.n))
           from new_rows h cross join lateral (values ((h.at at time zone 'Europe/Brussels')::date, h.new_value #>> '{}', 1::bigint),
                                                      ((h.at at time zone 'Europe/Brussels')::date, h.old_value #>> '{}', -1::bigint)) x(day, status, n)
          where h.kind = 'PEPPOL' and h.field = 'peppol.status'
         having count(*) > 0;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        perform peppol_status_day_add(array_agg(x.day), array_agg(x.status), array_agg(x.n))
           from old_rows h cross join lateral (values ((h.at at time zone 'Europe/Brussels')::date, h.new_value #>> '{}', -1::bigint),
                                                      ((h.at at time zone 'Europe/Brussels')::date, h.old_value #>> '{}', 1::bigint)) x(day, status, n)
          where h.kind = 'PEPPOL' and h.field = 'peppol.status'
         having count(*) > 0;
    end if;
    return null;
end $$;

create trigger history_day_ins after insert on client_history referencing new table as new_rows
    for each statement execute function peppol_status_day_on_history();
create trigger history_day_upd after update on client_history referencing old table as old_rows new table as new_rows
    for each statement execute function peppol_status_day_on_history();
create trigger history_day_del after delete on client_history referencing old table as old_rows
    for each statement execute function peppol_status_day_on_history();

-- Every count from scratch: the initial fill, and the bench seed after a load with the triggers off.
create function client_count_rebuild() returns void language sql as $$
    delete from client_count;
    insert into client_count (dim, client_status, has_value, value, n)
    select k.dim, c.status, k.has_value, k.value, count(*)
      from client c cross join lateral client_count_dims(c.type, c.language, c.status, c.vat_liable, c.custom_fields) k
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

select client_count_rebuild();
