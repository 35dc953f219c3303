-- Bulk edit at a million clients (issue 13): less work per changed row.

-- client_history.client_id was a foreign key: every history row inserted ran its RI trigger, one look-up (and key-share
-- lock) of the client per row, 984k trigger calls for a bulk edit of a whole portfolio. History is only ever written
-- in the transaction that writes (and so locks) its client, and clients are never re-keyed; what the key still gave is
-- the cascade on delete, which one statement-level trigger now does for all deleted clients at once.
alter table client_history drop constraint client_history_client_id_fkey;

create function client_history_delete_with_clients() returns trigger language plpgsql as $$
begin
    delete from client_history h using deleted_clients d where h.client_id = d.id;
    return null;
end $$;

create trigger client_history_delete_with_clients after delete on client
    referencing old table as deleted_clients
    for each statement execute function client_history_delete_with_clients();

-- Room on each page for the new version of a row: an edit of columns no index reads (status, language, VAT liability,
-- responsible, version, updated_at) is then a HOT update that writes no index entry, and the new version of any row
-- stays on its page. Applies to pages written from now on (existing full pages fill up as rows are updated and vacuumed).
alter table client set (fillfactor = 85);
