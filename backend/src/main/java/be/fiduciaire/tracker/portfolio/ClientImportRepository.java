package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.client.StandardField;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SQL of the spreadsheet import: the clients a file may match, and the three set-based statements that apply
 * it (insert the new clients, update the changed ones where their version is still the one read, write the history),
 * each taking all rows at once as one JSON document.
 */
@ApplicationScoped
public class ClientImportRepository {
    /** A client the file may match: its standard values by JSON name and its custom fields, as read. */
    record Current(UUID id, long version, ObjectNode standard, ObjectNode custom) {}

    private static final List<StandardField> WRITABLE = StandardField.with(StandardField.Use.WRITE);

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    CurrentUser currentUser;

    /** Clients with one of these enterprise numbers or references. */
    List<Current> candidates(String[] enterpriseNumbers, String[] references) {
        String standard = WRITABLE.stream()
                .map(f -> "'" + f.json() + "', " + (f == StandardField.ENTERPRISE_NUMBER ? "rtrim(" + f.sql() + ")" : f.sql()))
                .collect(Collectors.joining(", "));
        return db.list("select c.id, c.version, jsonb_build_object(" + standard + ")::text as standard, c.custom_fields::text as custom"
                        + " from client_with_fields c where c.enterprise_number = any(?::bpchar[]) or c.reference = any(?::text[])",
                r -> new Current(r.uuid("id"), r.longValue("version"), (ObjectNode) read(r.string("standard")), (ObjectNode) read(r.string("custom"))),
                enterpriseNumbers, references);
    }

    /** Active users by id and lower-cased email, to read a responsible given as either. */
    List<String[]> activeUsers() {
        return db.list("select id::text as id, lower(email) as email from app_user where active", r -> new String[] {r.string("id"), r.string("email")});
    }

    void insert(UUID id, String fileName, int rows, int created, int changed) {
        db.update("insert into client_import (id, actor_id, actor_name, file_name, rows, created, changed) values (?, ?, ?, ?, ?, ?, ?)",
                id, currentUser.id(), currentUser.name(), fileName, rows, created, changed);
    }

    /** Inserts clients, each {@code {id, standard: {json name: value, every writable field}, custom: {...}}}. */
    int insertClients(ArrayNode clients) {
        if (clients.isEmpty()) return 0;
        String columns = WRITABLE.stream().map(f -> f.column().orElseThrow()).collect(Collectors.joining(", "));
        String values = WRITABLE.stream().map(f -> "(x.standard->>'" + f.json() + "')::" + f.sqlType()).collect(Collectors.joining(", "));
        // each client with its fields row (client_fields, V99), in one statement
        return db.update("with x as (select * from jsonb_to_recordset(?::jsonb) as x(id uuid, standard jsonb, custom jsonb)),"
                + " c as (insert into client (id, " + columns + ") select x.id, " + values + " from x returning id)"
                + " insert into client_fields (client_id, custom_fields) select c.id, x.custom from c join x on x.id = c.id",
                new Sql.JsonParam(clients.toString()));
    }

    /**
     * Updates clients, each {@code {id, version, standard: {json name: new value, only the changed ones}, cf_set: {key:
     * value}, cf_remove: [key]}}, where the version is still the one read; returns how many were updated.
     */
    int updateClients(ArrayNode clients) {
        if (clients.isEmpty()) return 0;
        String set = WRITABLE.stream().map(f -> {
            String column = f.column().orElseThrow();
            return column + " = case when x.standard->'" + f.json() + "' is not null then (x.standard->>'" + f.json() + "')::" + f.sqlType()
                    + " else c." + column + " end";
        }).collect(Collectors.joining(", "));
        String rows = " from jsonb_to_recordset(?::jsonb) as x(id uuid, version bigint, standard jsonb, cf_set jsonb, cf_remove text[])";
        // the client row takes the one version step; its custom fields follow in a statement of their own (the count
        // triggers of client and client_fields each see one table change per statement, V99)
        List<String> updated = db.list("update client c set " + set + ", version = c.version + 1, updated_at = now()"
                + rows + " join client_fields f on f.client_id = x.id"
                + " where c.id = x.id and c.version + f.version = x.version returning c.id::text as id",
                r -> r.string("id"), new Sql.JsonParam(clients.toString()));
        db.update("update client_fields f set custom_fields = (f.custom_fields || x.cf_set) - coalesce(x.cf_remove, '{}')" + rows
                + " where f.client_id = x.id and x.id = any(?::uuid[]) and (x.cf_set <> '{}'::jsonb or cardinality(x.cf_remove) > 0)",
                new Sql.JsonParam(clients.toString()), updated.toArray(String[]::new));
        return updated.size();
    }

    /** History rows, each {@code {clientId, kind, field, oldValue, newValue}}, by the current user, tied to the import. */
    int history(UUID importId, ArrayNode entries) {
        if (entries.isEmpty()) return 0;
        return db.update("insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value, import_id)"
                + " select h.client_id, ?, ?, h.kind, h.field, h.old_value, h.new_value, ?"
                + " from jsonb_to_recordset(?::jsonb) as h(client_id uuid, kind text, field text, old_value jsonb, new_value jsonb)",
                currentUser.id(), currentUser.name(), importId, new Sql.JsonParam(entries.toString()));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
