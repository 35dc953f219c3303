package be.fiduciaire.tracker.portfolio;

import java.sql.Connection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test data written with SQL: custom-field definitions and clients in bulk, Peppol registrations and history
 * rows that other features write in production. Everything is uniquely named per call.
 */
@ApplicationScoped
public class Fixtures {
    @Inject
    DataSource dataSource;
    @Inject
    Db db;
    @Inject
    FieldCatalog catalog;
    @Inject
    ObjectMapper json;

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public UUID category(boolean showInClientList) {
        UUID id = UUID.randomUUID();
        exec("insert into cf_category (id, key, labels, position, show_in_client_list) values (?, ?, ?::jsonb, 50, ?)",
                id, unique("cat_"), "{\"fr\":\"Catégorie\",\"nl\":\"Categorie\",\"en\":\"Category\"}", showInClientList);
        return id;
    }

    /** Creates a field and its options; returns its key. */
    public String field(UUID categoryId, String type, String... options) {
        String key = unique("f_");
        UUID id = UUID.randomUUID();
        exec("insert into cf_field (id, category_id, key, labels, type) values (?, ?, ?, ?::jsonb, ?)", id, categoryId, key,
                "{\"fr\":\"Champ " + key + "\",\"nl\":\"Veld " + key + "\",\"en\":\"Field " + key + "\"}", type);
        int position = 0;
        for (String option : options) {
            exec("insert into cf_option (field_id, key, labels, position) values (?, ?, ?::jsonb, ?)", id, option,
                    "{\"fr\":\"" + option + " FR\",\"nl\":\"" + option + " NL\",\"en\":\"" + option + " EN\"}", position++);
        }
        catalog.invalidate();
        return key;
    }

    public UUID client(String reference, String name, Map<String, Object> columns, Map<String, Object> customFields) {
        Map<String, Object> cols = new LinkedHashMap<>(columns);
        UUID id = UUID.randomUUID();
        cols.put("id", id);
        cols.put("reference", reference);
        cols.put("name", name);
        String names = String.join(", ", cols.keySet());
        String marks = String.join(", ", Collections.nCopies(cols.size(), "?"));
        Object[] args = new Object[cols.size() + 1];
        int i = 0;
        for (Object v : cols.values()) args[i++] = v;
        try {
            args[i] = json.writeValueAsString(customFields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // the client and its fields row in one statement: the client's foreign key to client_fields is checked at commit
        exec("with c as (insert into client (" + names + ") values (" + marks + ") returning id)"
                + " insert into client_fields (client_id, custom_fields) select id, ?::jsonb from c", args);
        return id;
    }

    /** {@code count} clients referenced {@code <referencePrefix>-i} and named {@code <namePrefix>i}, i from 1, without custom fields. */
    public void clients(String referencePrefix, String namePrefix, int count) {
        // with their fields rows in the same statement: each client's foreign key to client_fields is checked at commit
        exec("with c as (insert into client (reference, name) select ?::text || '-' || i, ?::text || i from generate_series(1, ?) i returning id)"
                + " insert into client_fields (client_id) select id from c", referencePrefix, namePrefix, count);
    }

    public void registration(UUID clientId, String status, String accessPoint) {
        exec("insert into peppol_registration (client_id, status, access_point_name, checked_at) values (?, ?, ?, now()) "
                + "on conflict (client_id) do update set status = excluded.status, access_point_name = excluded.access_point_name",
                clientId, status, accessPoint);
    }

    public void peppolHistory(UUID clientId, String at, String oldStatus, String newStatus) {
        exec("insert into client_history (client_id, at, actor_name, kind, field, old_value, new_value) "
                + "values (?, ?::timestamptz, 'system', 'PEPPOL', 'peppol.status', to_jsonb(?::text), to_jsonb(?::text))",
                clientId, at, oldStatus, newStatus);
    }

    /**
     * A connection of its own, outside any transaction of the application: for a test that plays another user
     * holding a lock while the API works.
     */
    public Connection connection() throws java.sql.SQLException {
        return dataSource.getConnection();
    }

    /** The number a {@code select count(*) ...} gives, read in a transaction of its own. */
    public long count(String sql, Object... args) {
        return QuarkusTransaction.requiringNew().call(() -> db.number("select (" + sql + ") as n", args));
    }

    /** One text value, committed in a transaction of its own: the statement's one column is named {@code v}. */
    public String text(String sql, Object... args) {
        return QuarkusTransaction.requiringNew().call(() -> db.one(sql, r -> r.string("v"), args).orElse(null));
    }

    /** Runs one statement and commits it, so the API sees its rows. */
    public void exec(String sql, Object... args) {
        QuarkusTransaction.requiringNew().run(() -> db.update(sql, args));
    }
}
