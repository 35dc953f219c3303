package be.fiduciaire.tracker.email;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.BelgianIdentifiers;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.customfield.FieldCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The placeholder data of clients, read set-based: plain Maps of Strings only (what {@link EmailRenderer} may reach),
 * with custom-field values as display text in the client's language (option labels, yes/no, dates). Needs a transaction.
 */
@ApplicationScoped
public class EmailData {
    public static final List<String> LANGUAGES = List.of("fr", "nl", "en", "de");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Map<String, String[]> YES_NO = Map.of("fr", new String[] {"oui", "non"}, "nl", new String[] {"ja", "nee"},
            "en", new String[] {"yes", "no"}, "de", new String[] {"ja", "nein"});
    private static final Map<String, Map<String, String>> PEPPOL_STATUS = Map.of(
            "REGISTERED", Map.of("fr", "enregistré", "nl", "geregistreerd", "en", "registered", "de", "registriert"),
            "NOT_REGISTERED", Map.of("fr", "non enregistré", "nl", "niet geregistreerd", "en", "not registered", "de", "nicht registriert"),
            "HERMES_ONLY", Map.of("fr", "pré-enregistré sur Hermes uniquement", "nl", "enkel vooraf geregistreerd op Hermes",
                    "en", "pre-registered on Hermes only", "de", "nur auf Hermes vorregistriert"),
            "NO_IDENTIFIER", Map.of("fr", "pas de numéro d'entreprise", "nl", "geen ondernemingsnummer", "en", "no enterprise number",
                    "de", "keine Unternehmensnummer"),
            "LOOKUP_FAILED", Map.of("fr", "vérification impossible", "nl", "controle mislukt", "en", "lookup failed", "de", "Prüfung fehlgeschlagen"));
    private static final Map<String, String> NOT_CHECKED = Map.of("fr", "pas encore vérifié", "nl", "nog niet gecontroleerd",
            "en", "not checked yet", "de", "noch nicht geprüft");

    /** One recipient's language, address and placeholder data. */
    public record Recipient(UUID clientId, String language, String email, Map<String, Object> client, Map<String, Object> peppol) {}

    @Inject
    Db db;
    @Inject
    FieldCatalog catalog;
    @Inject
    ObjectMapper json;
    @Inject
    EmailSettings settings;

    public Map<UUID, Recipient> load(Collection<UUID> clientIds) {
        String[] ids = clientIds.stream().map(UUID::toString).toArray(String[]::new);
        Map<UUID, Recipient> out = new HashMap<>();
        db.list("""
                select c.id, c.name, c.reference, c.enterprise_number, c.vat_number, c.language, c.email, c.custom_fields::text as custom_fields,
                       p.status as peppol_status, p.access_point_name, p.confirmed_at
                  from client_with_fields c left join peppol_registration p on p.client_id = c.id where c.id = any(?::uuid[])""", r -> {
            String language = r.string("language");
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("name", text(r.string("name")));
            client.put("reference", text(r.string("reference")));
            String enterprise = r.string("enterprise_number");
            client.put("enterpriseNumber", enterprise == null ? "" : BelgianIdentifiers.formatEnterpriseNumber(enterprise.strip()));
            client.put("vatNumber", text(r.string("vat_number")));
            client.put("language", language);
            client.put("email", text(r.string("email")));
            client.put("custom", custom(r.string("custom_fields"), language));
            String status = r.string("peppol_status");
            Map<String, Object> peppol = new LinkedHashMap<>();
            peppol.put("status", status == null ? NOT_CHECKED.get(language) : PEPPOL_STATUS.get(status).get(language));
            peppol.put("registered", "REGISTERED".equals(status));
            peppol.put("accessPoint", text(r.string("access_point_name")));
            OffsetDateTime confirmed = r.timestamp("confirmed_at");
            peppol.put("lastConfirmed", confirmed == null ? "" : DATE.format(confirmed.atZoneSameInstant(Brussels.ZONE)));
            return new Recipient(r.uuid("id"), language, r.string("email"), client, peppol);
        }, (Object) ids).forEach(rec -> out.put(rec.clientId(), rec));
        return out;
    }

    public Map<String, Object> firm() {
        return Map.of("name", text(settings.firmName()), "address", text(settings.firmAddress().orElse("")));
    }

    public static Map<String, Object> sender(String name, String email) {
        return Map.of("name", text(name), "email", text(email));
    }

    /** Every field key is present (empty when the client has no value), so a template never meets a missing key. */
    private Map<String, Object> custom(String document, String language) {
        JsonNode values = read(document);
        Map<String, Object> custom = new LinkedHashMap<>();
        for (FieldCatalog.Field f : catalog.fields()) {
            JsonNode v = values.get(f.key());
            custom.put(f.key(), v == null || v.isNull() ? "" : display(f, v, language));
        }
        return custom;
    }

    private static String display(FieldCatalog.Field f, JsonNode v, String language) {
        return switch (f.type()) {
            case BOOLEAN -> YES_NO.get(language)[v.asBoolean() ? 0 : 1];
            case SELECT -> f.optionLabel(v.asText(), language);
            case MULTI_SELECT -> {
                List<String> labels = new ArrayList<>();
                v.forEach(k -> labels.add(f.optionLabel(k.asText(), language)));
                yield String.join(", ", labels);
            }
            case DATE -> {
                try {
                    yield DATE.format(LocalDate.parse(v.asText()));
                } catch (RuntimeException e) {
                    yield v.asText();
                }
            }
            case NUMBER -> v.isNumber() ? new BigDecimal(v.asText()).stripTrailingZeros().toPlainString() : v.asText();
            case DOCUMENT -> v.path("name").asText("");
            default -> text(v.isTextual() ? v.asText() : v.toString());
        };
    }

    private JsonNode read(String document) {
        try {
            return json.readTree(document == null ? "{}" : document);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** Values reach headers (subject) too: line breaks become spaces. */
    private static String text(String value) {
        return EmailRenderer.foldLine(value);
    }
}
