package be.fiduciaire.tracker.peppol;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import be.fiduciaire.tracker.common.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The maintained mapping access point → receiving software ({@code peppol_access_point_software}, reference data of
 * migration V90 from /work/shared/data/). An access point is recognised by its certificate's seat id, or by its
 * organisation name with the legal form aside ("Billit NV" is "Billit").
 */
@ApplicationScoped
public class AccessPointSoftware {
    private static final Set<String> LEGAL_FORMS = Set.of("nv", "sa", "bv", "srl", "bvba", "sprl", "cvba", "scrl", "vof",
            "ltd", "limited", "gmbh", "ab", "as", "oy", "inc", "sas", "sarl", "llc");

    @Inject
    Db db;

    public record Entry(String accessPoint, String seatId, String softwareKey) {}

    /** The mapping, in the current transaction (a handful of rows). */
    public Mapping load() {
        return new Mapping(db.list("select access_point, seat_id, software_key from peppol_access_point_software",
                r -> new Entry(r.string("access_point"), r.string("seat_id"), r.string("software_key"))));
    }

    public record Mapping(List<Entry> entries) {
        /** The software key of this access point, or null when the mapping does not know it. */
        public String softwareOf(String accessPointName, String seatId) {
            if (seatId != null)
                for (Entry e : entries) if (e.seatId() != null && e.seatId().equalsIgnoreCase(seatId.trim())) return e.softwareKey();
            if (accessPointName == null) return null;
            String name = normalise(accessPointName);
            for (Entry e : entries) if (normalise(e.accessPoint()).equals(name)) return e.softwareKey();
            return null;
        }
    }

    /** Lower case, accents and punctuation aside, without a trailing legal form. */
    static String normalise(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        List<String> words = new java.util.ArrayList<>(List.of(plain.split(" ")));
        while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) words.remove(words.size() - 1);
        return String.join(" ", words);
    }
}
