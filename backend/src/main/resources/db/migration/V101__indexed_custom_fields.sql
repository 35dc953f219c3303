-- The custom-field indexes read a copy of the indexed fields' values, client_fields.indexed_fields, not the document
-- itself. An index on an expression of custom_fields made every change of the document write an entry into every one
-- of them, even for a field none of them reads: PostgreSQL can only update a row in place (HOT: no index entry at all)
-- when no indexed column changes. indexed_fields is computed by PostgreSQL from the document on every write (a stored
-- generated column): a bulk edit of a field that is not indexed leaves it as it was, and each row is updated in place.
-- (A million clients, every one's sending software: the UPDATE 23.5 s -> 13.7 s.)
--
-- Which keys it copies is the index job's (clientquery.CustomFieldIndexes): it writes this function again with the
-- fields whose index is wanted, waits for the writers that still use the previous one, copies the values of the rows
-- written before, and only then marks the fields projected, which is when filters read them from indexed_fields and
-- their indexes are built on it. The function only reads its argument: PostgreSQL inlines it into the column's
-- expression (jsonb_set_lax is immutable; jsonb_build_object, only stable, would keep it from being inlined).
create function client_indexed_fields(doc jsonb) returns jsonb immutable parallel safe language sql
    as $$ select '{}'::jsonb $$;

-- An in-place update needs room for the new version on the row's page: 60 % of each page is kept free, so that even an
-- edit of every client finds it, also once the fields' copies made the rows longer (a table edited in bulk has twice as
-- many row versions anyway until VACUUM).
alter table client_fields set (fillfactor = 40);
alter table client_fields add column indexed_fields jsonb generated always as (client_indexed_fields(custom_fields)) stored;

-- the indexes on custom_fields: the job builds them again on indexed_fields, once their fields are projected
do $$
declare
    r record;
begin
    for r in select ci.relname from pg_index i join pg_class ci on ci.oid = i.indexrelid
              where i.indrelid = 'client_fields'::regclass and ci.relname like 'client\_cf\_%' loop
        execute format('drop index %I', r.relname);
    end loop;
end $$;

-- true once every row's indexed_fields holds the field's value (set by the job, never by a request)
alter table cf_index_wanted add column projected boolean not null default false;

create or replace view client_with_fields as
select c.id, c.reference, c.name, c.type, c.legal_form, c.enterprise_number, c.vat_number, c.vat_liable, c.email,
       c.language, c.street, c.postal_code, c.city, c.country, c.responsible_user_id, c.status, f.custom_fields,
       c.version + f.version as version, c.created_at, greatest(c.updated_at, f.updated_at) as updated_at,
       c.ctid as client_tid, c.version as client_version, f.ctid as fields_tid, f.version as fields_version,
       -- what the custom-field filters read for the projected fields (clientquery.Selectors)
       f.indexed_fields
  from client c left join client_fields f on f.client_id = c.id;
