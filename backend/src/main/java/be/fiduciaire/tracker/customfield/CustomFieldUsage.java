package be.fiduciaire.tracker.customfield;

import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What clients hold in their custom fields, asked over the whole client table: set-based SQL through {@link Db}
 * (a definition change must not load clients one by one).
 */
@ApplicationScoped
public class CustomFieldUsage {
    @Inject
    Db db;

    /** Clients with any value for the field. */
    public long clientsWithValue(String fieldKey) {
        return db.number("select count(*) as n from client_fields where custom_fields -> ? is not null", fieldKey);
    }

    /** Clients having {@code optionKey} in any of {@code fieldKeys} (single select value or multi select element). */
    public long clientsWithOption(List<String> fieldKeys, String optionKey) {
        return db.number("""
                select count(*) as n from client_fields f
                 where exists (select 1 from unnest(?::text[]) k
                                where f.custom_fields -> k = to_jsonb(?::text)
                                   or (jsonb_typeof(f.custom_fields -> k) = 'array' and f.custom_fields -> k @> jsonb_build_array(?::text)))""",
                fieldKeys.toArray(String[]::new), optionKey, optionKey);
    }

    /**
     * Moves every value {@code from} to {@code to} in {@code fieldKeys} (multi selects keep their order and lose a
     * duplicate), in one UPDATE that bumps each changed client's version and writes one history row per changed field.
     */
    public void moveOption(List<String> fieldKeys, String from, String to, UUID actorId, String actorName) {
        db.update("""
                with p as (select ?::text[] as keys, ?::text as old_key, ?::text as new_key),
                changed as (
                    select f.client_id as id, f.custom_fields as old_cf,
                           (select jsonb_object_agg(e.key, case
                                when not (e.key = any (p.keys)) then e.value
                                when e.value = to_jsonb(p.old_key) then to_jsonb(p.new_key)
                                when jsonb_typeof(e.value) = 'array' then
                                    (select coalesce(jsonb_agg(to_jsonb(t.v) order by t.o), '[]'::jsonb)
                                       from (select case when a.v = p.old_key then p.new_key else a.v end as v, min(a.o) as o
                                               from jsonb_array_elements_text(e.value) with ordinality a(v, o) group by 1) t)
                                else e.value end)
                              from jsonb_each(f.custom_fields) e) as new_cf
                      from client_fields f, p
                     where exists (select 1 from unnest(p.keys) k
                                    where f.custom_fields -> k = to_jsonb(p.old_key)
                                       or (jsonb_typeof(f.custom_fields -> k) = 'array' and f.custom_fields -> k @> jsonb_build_array(p.old_key)))
                ),
                updated as (
                    update client_fields f set custom_fields = ch.new_cf, version = f.version + 1, updated_at = now()
                      from changed ch where f.client_id = ch.id returning f.client_id as id
                )
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                select ch.id, ?, ?, 'FIELD', 'cf.' || e.key, e.value, ch.new_cf -> e.key
                  from changed ch join updated u on u.id = ch.id, p, jsonb_each(ch.old_cf) e
                 where e.key = any (p.keys) and e.value is distinct from ch.new_cf -> e.key""",
                fieldKeys.toArray(String[]::new), from, to, actorId, actorName);
    }
}
