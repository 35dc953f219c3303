package be.fiduciaire.tracker.client;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientDtos.HistoryEntry;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.user.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** client_history: an append-only log written and paged in SQL (bulk edit writes its rows in its one statement). */
@ApplicationScoped
public class ClientHistoryRepository {
    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    CurrentUser currentUser;

    /** One row by the current user; JSON null and Java null both store SQL null. */
    public void record(UUID clientId, String kind, String field, JsonNode oldValue, JsonNode newValue) {
        db.update("""
                insert into client_history (client_id, actor_id, actor_name, kind, field, old_value, new_value)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""",
                clientId, currentUser.id(), currentUser.name(), kind, field, text(oldValue), text(newValue));
    }

    public long count(UUID clientId) {
        return db.number("select count(*) as n from client_history where client_id = ?", clientId);
    }

    public List<HistoryEntry> page(UUID clientId, Paging paging) {
        return db.list("""
                select id, at, kind, field, old_value::text as old_value, new_value::text as new_value, actor_id, actor_name, bulk_edit_id, import_id
                  from client_history where client_id = ? order by at desc, id desc limit ? offset ?""",
                r -> new HistoryEntry(r.longValue("id"), r.timestamp("at"), r.string("kind"), r.string("field"),
                        read(r.string("old_value")), read(r.string("new_value")), r.uuid("actor_id"), r.string("actor_name"),
                        r.uuid("bulk_edit_id"), r.uuid("import_id")),
                clientId, paging.size(), paging.offset());
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.toString();
    }

    private Object read(String text) {
        if (text == null) return null;
        try {
            return json.readValue(text, Object.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
