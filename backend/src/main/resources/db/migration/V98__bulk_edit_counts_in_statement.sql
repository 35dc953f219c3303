-- Bulk edit at a million clients (issue 13): the count trigger's work for an UPDATE was a quarter of a bulk edit of
-- every client (EXPLAIN ANALYZE at 100,000: 4.4 s of 17.6 s; it joins the statement's old and new rows, whole
-- documents, and looks at every countable field of each). A bulk edit knows which fields it changes and to what value:
-- it adds its own deltas to client_count in its statement (portfolio.BulkEditRepository, from the changed rows' old
-- values) and says so for that statement alone with the transaction-local setting tracker.bulk_edit_counted, which
-- it sets just before and clears just after; the trigger then adds nothing for that statement. Every other writer,
-- and a bulk edit of the client status (which moves all of a client's counts), is counted by the trigger as before.
-- The function is V80's with that first line (and V86's settings).
create or replace function client_count_on_client() returns trigger language plpgsql
    set enable_hashjoin = on set enable_mergejoin = on as $$
declare
    d text[]; s text[]; h boolean[]; v text[]; n bigint[];
begin
    -- a bulk edit added this statement's deltas itself (see above)
    if tg_op = 'UPDATE' and current_setting('tracker.bulk_edit_counted', true) = 'on' then return null; end if;
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
