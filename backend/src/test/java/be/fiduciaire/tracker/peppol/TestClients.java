package be.fiduciaire.tracker.peppol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import be.fiduciaire.tracker.client.BelgianIdentifiers;

/** Creates clients with plain SQL (the clients API belongs to another feature) and reads what the API does not show. */
final class TestClients {
    private TestClients() {}

    /** A random enterprise number that passes the mod-97 check. */
    static String enterpriseNumber() {
        long base = ThreadLocalRandom.current().nextLong(1_000_000, 20_000_000);
        return BelgianIdentifiers.enterpriseNumber(base);
    }

    static UUID create(DataSource ds, String enterpriseNumber, String vatNumber) {
        return create(ds, enterpriseNumber, vatNumber, "ACTIVE");
    }

    static UUID create(DataSource ds, String enterpriseNumber, String vatNumber, String status) {
        // with its fields row in the same statement: the client's foreign key to client_fields is checked at commit
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "with c as (insert into client (reference, name, enterprise_number, vat_number, status) values (?, ?, ?, ?, ?) returning id)"
                        + " insert into client_fields (client_id) select id from c returning client_id")) {
            String ref = "peppol-" + UUID.randomUUID();
            ps.setString(1, ref);
            ps.setString(2, "Client " + ref);
            ps.setString(3, enterpriseNumber);
            ps.setString(4, vatNumber);
            ps.setString(5, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's peppol_registered custom-field value, null when absent. */
    static String peppolRegistered(DataSource ds, UUID clientId) {
        return string(ds, "select custom_fields ->> 'peppol_registered' from client_fields where client_id = ?", clientId);
    }

    static String string(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
