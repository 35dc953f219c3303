-- The bulk edit turns hash and merge joins off for its own transaction (its update joins its snapshot by ctid), and
-- the statement-level triggers of V80 and V83 ran inside that setting: their joins of a statement's old and new rows
-- became nested loops, quadratic in the rows changed (a bulk edit of 100,000 clients did not end in 600 s). Each
-- trigger function plans with the normal settings, whatever its caller set.
do $$
declare f text;
begin
    foreach f in array array['client_count_on_client()', 'client_count_on_registration()', 'client_count_on_field()',
                             'peppol_status_day_on_history()', 'client_history_delete_with_clients()'] loop
        execute format('alter function %s set enable_hashjoin = on', f);
        execute format('alter function %s set enable_mergejoin = on', f);
    end loop;
end $$;
