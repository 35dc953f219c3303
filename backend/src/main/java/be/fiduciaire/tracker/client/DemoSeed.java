package be.fiduciaire.tracker.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import be.fiduciaire.tracker.customfield.FieldCatalog;
import be.fiduciaire.tracker.peppol.PeppolStatus;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import be.fiduciaire.tracker.peppol.lookup.LookupFailure;
import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Demo data (app.demo-seed=true, env APP_DEMO_SEED): about 200 realistic Belgian clients with valid enterprise numbers,
 * Peppol fields and registrations, inserted at start-up only when the client table is empty. Runs after the first admin
 * is created (observer priority), so that admin becomes the responsible user.
 */
public class DemoSeed {
    public static final int COUNT = 200;
    /** pg advisory lock key of the demo seed ("demoseed"). */
    private static final long SEED_LOCK = 0x6465_6d6f_7365_6564L;

    private record City(String postalCode, String name, String language) {}

    private static final List<City> CITIES = List.of(
            new City("1000", "Bruxelles", "fr"), new City("1050", "Ixelles", "fr"), new City("1180", "Uccle", "fr"),
            new City("1030", "Schaerbeek", "fr"), new City("1200", "Woluwe-Saint-Lambert", "fr"), new City("4000", "Liège", "fr"),
            new City("5000", "Namur", "fr"), new City("6000", "Charleroi", "fr"), new City("7000", "Mons", "fr"),
            new City("7500", "Tournai", "fr"), new City("1300", "Wavre", "fr"), new City("6700", "Arlon", "fr"),
            new City("1400", "Nivelles", "fr"), new City("4800", "Verviers", "fr"), new City("4700", "Eupen", "de"),
            new City("2000", "Antwerpen", "nl"), new City("9000", "Gent", "nl"), new City("8000", "Brugge", "nl"),
            new City("3000", "Leuven", "nl"), new City("3500", "Hasselt", "nl"), new City("2800", "Mechelen", "nl"),
            new City("8500", "Kortrijk", "nl"), new City("9300", "Aalst", "nl"), new City("8400", "Oostende", "nl"),
            new City("3600", "Genk", "nl"), new City("9100", "Sint-Niklaas", "nl"), new City("2300", "Turnhout", "nl"),
            new City("1800", "Vilvoorde", "nl"), new City("8800", "Roeselare", "nl"));
    private static final List<String> STREETS_FR = List.of("Rue de la Station", "Chaussée de Louvain", "Avenue Louise", "Rue Haute",
            "Place du Marché", "Rue de l'Église", "Boulevard du Souverain", "Rue des Champs", "Avenue des Tilleuls", "Rue du Moulin");
    private static final List<String> STREETS_NL = List.of("Stationsstraat", "Kerkstraat", "Nieuwstraat", "Markt", "Molenstraat",
            "Dorpsstraat", "Leuvensesteenweg", "Schoolstraat", "Kapelstraat", "Industrieweg");
    private static final List<String> FAMILY = List.of("Dupont", "Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens",
            "Wouters", "De Smet", "Lambert", "Dubois", "Martin", "Leclercq", "Renard", "Mertens", "Vermeulen", "Lemaire", "Hermans",
            "Michel", "Desmet", "Van Damme", "Lefebvre", "Simon", "Laurent", "Pauwels", "Verstraete", "Dumont", "Fontaine", "Schmitz");
    private static final List<String> FIRST = List.of("Marie", "Jean", "Sophie", "Luc", "Anne", "Pieter", "Els", "Tom", "Julie", "Nicolas",
            "An", "Koen", "Isabelle", "Thomas", "Sarah", "Bart", "Nathalie", "Wim", "Claire", "Jonas");
    private static final List<String> ACTIVITY_FR = List.of("Boulangerie", "Garage", "Bureau d'études", "Brasserie", "Immobilière",
            "Menuiserie", "Pharmacie", "Cabinet médical", "Transports", "Toitures", "Électricité", "Consultance", "Restaurant",
            "Fleuriste", "Architectes", "Imprimerie", "Boucherie", "Informatique");
    private static final List<String> ACTIVITY_NL = List.of("Bakkerij", "Garage", "Studiebureau", "Brouwerij", "Vastgoed", "Schrijnwerkerij",
            "Apotheek", "Huisartsenpraktijk", "Transport", "Dakwerken", "Elektriciteit", "Consultancy", "Restaurant", "Bloemen",
            "Architectenbureau", "Drukkerij", "Slagerij", "IT-diensten");
    private static final List<String> FORMS_FR = List.of("SRL", "SRL", "SRL", "SA", "ASBL", "SC");
    private static final List<String> FORMS_NL = List.of("BV", "BV", "BV", "NV", "VZW", "CV");
    private static final List<String> SOFTWARE = List.of("billit", "octopus", "yuki", "exact_online", "winbooks", "clearfacts", "odoo",
            "accountable", "dexxter", "teamleader", "banqup", "peppyrus", "billtobox", "admin_pulse", "other");
    /** Access points seen serving Belgian companies (from the project's reference list), with seat ids where known. */
    private static final String[][] ACCESS_POINTS = {
            {"Codabox NV", "PBE000067", "BE"}, {"Tickstar", "PSE000018", "SE"}, {"Billit", null, "BE"}, {"Billtobox", null, "BE"},
            {"IxorDocs", null, "BE"}, {"Digiteal", null, "BE"}, {"Ibanity (Isabel Group)", null, "BE"}, {"Odoo", null, "BE"},
            {"yuki works", null, "BE"}, {"Fidbee", null, "BE"}, {"DigiConnect", null, "BE"}, {"Odyssee Mobile (Wello Solutions)", null, "BE"}};
    private static final List<String> COMMENTS_FR = List.of("Client contacté par téléphone, attend l'offre de son fournisseur.",
            "Mail d'information envoyé, pas encore de réponse.", "Souhaite passer par Billit pour l'envoi.",
            "Factures de vente encore en PDF : à revoir en janvier.", "Inscrit via Hermes, logiciel à choisir.");
    private static final List<String> COMMENTS_NL = List.of("Klant telefonisch gecontacteerd, wacht op offerte.",
            "Infomail verstuurd, nog geen antwoord.", "Wil via Billit verzenden.", "Verkoopfacturen nog in PDF: opvolgen in januari.",
            "Geregistreerd via Hermes, software nog te kiezen.");
    private static final String INVOICE_DOC_TYPE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";

    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    FieldCatalog catalog;

    @ConfigProperty(name = "app.demo-seed", defaultValue = "false")
    boolean enabled;

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (!enabled) return;
        QuarkusTransaction.requiringNew().run(() -> {
            // several instances starting together on an empty database: one seeds, the others wait and skip
            db.one("select 1 as locked from pg_advisory_xact_lock(?)", r -> r.intValue("locked"), SEED_LOCK);
            if (db.exists("select 1 from client")) {
                Log.info("Demo seed skipped: the client table is not empty");
                return;
            }
            int n = seed(new Random(20260101L));
            Log.infof("Demo seed: inserted %d clients", n);
        });
    }

    /** Inserts the demo clients in three batched statements; runs in the caller's transaction. */
    int seed(Random rnd) {
        UUID admin = db.one("select id from app_user where role = 'ADMIN' and active order by created_at limit 1", r -> r.uuid("id"))
                .orElse(null);
        var receive = catalog.field("peppol_software_receive");
        List<String> software = SOFTWARE.stream()
                .filter(k -> receive.flatMap(f -> f.option(k)).map(FieldCatalog.Option::active).orElse(false)).toList();
        List<Object[]> clients = new ArrayList<>();
        List<Object[]> registrations = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 1; i <= COUNT; i++) {
            City city = CITIES.get(rnd.nextInt(CITIES.size()));
            String language = rnd.nextInt(40) == 0 ? "en" : city.language();
            boolean dutch = city.language().equals("nl");
            boolean person = rnd.nextInt(6) == 0;
            String family = pick(rnd, FAMILY);
            String name;
            String legalForm = null;
            if (person) {
                name = pick(rnd, FIRST) + " " + family;
            } else {
                legalForm = pick(rnd, dutch ? FORMS_NL : FORMS_FR);
                name = pick(rnd, dutch ? ACTIVITY_NL : ACTIVITY_FR) + " " + family + " " + legalForm;
            }
            String enterprise = person && rnd.nextInt(2) == 0 ? null : enterpriseNumber(rnd);
            boolean vatLiable = enterprise != null && !"ASBL".equals(legalForm) && !"VZW".equals(legalForm) && rnd.nextInt(10) > 0;
            String vat = vatLiable ? "BE" + enterprise : null;
            String slug = family.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            String email = rnd.nextInt(12) == 0 ? null : (rnd.nextBoolean() ? "info@" : "compta@") + slug + i + ".be";
            String street = pick(rnd, dutch ? STREETS_NL : STREETS_FR) + " " + (1 + rnd.nextInt(180));

            ObjectNode cf = json.createObjectNode();
            String registeredAp = null;
            PeppolStatus status = null;
            if (enterprise != null && rnd.nextInt(100) < 88) {
                int r = rnd.nextInt(100);
                status = r < 58 ? PeppolStatus.REGISTERED : r < 80 ? PeppolStatus.NOT_REGISTERED : r < 94 ? PeppolStatus.HERMES_ONLY
                        : PeppolStatus.LOOKUP_FAILED;
            } else if (enterprise == null && rnd.nextBoolean()) {
                status = PeppolStatus.NO_IDENTIFIER;
            }
            String[] ap = null;
            if (status == PeppolStatus.REGISTERED) {
                ap = ACCESS_POINTS[rnd.nextInt(ACCESS_POINTS.length)];
                registeredAp = ap[0];
                cf.put("peppol_registered", registeredAp);
            }
            if (!software.isEmpty() && rnd.nextInt(100) < (registeredAp != null ? 85 : 45)) {
                String recv = pick(rnd, software);
                cf.put("peppol_software_receive", recv);
                if (rnd.nextInt(100) < 80) cf.put("peppol_software_send", rnd.nextInt(100) < 70 ? recv : pick(rnd, software));
            }
            int ready = rnd.nextInt(100);
            if (ready < 45) cf.put("peppol_ready", registeredAp != null || rnd.nextInt(4) == 0);
            else if (ready < 75) cf.put("peppol_ready", false);
            if (rnd.nextInt(100) < 22) cf.put("peppol_comments", pick(rnd, dutch ? COMMENTS_NL : COMMENTS_FR));
            if (rnd.nextInt(100) < 30) cf.put("employee_count", rnd.nextInt(60));
            if (rnd.nextInt(100) < 40) cf.put("engagement_date", now.minusDays(200 + rnd.nextInt(3000)).toLocalDate().toString());

            UUID id = UUID.randomUUID();
            OffsetDateTime created = now.minusDays(rnd.nextInt(700)).minusMinutes(rnd.nextInt(1440));
            clients.add(new Object[] {id, String.format("CL-%04d", i), name, person ? "PERSON" : "COMPANY", legalForm, enterprise, vat,
                    vatLiable, email, language, street, city.postalCode(), city.name(), admin, created, created, cf.toString()});
            if (status != null) {
                OffsetDateTime checked = now.minusHours(1 + rnd.nextInt(30));
                LookupFailure failure = status != PeppolStatus.LOOKUP_FAILED ? null : rnd.nextBoolean()
                        ? LookupError.SMP_TIMEOUT.of("request", "ServiceGroup", "host", "smp.example-peppol.be", "seconds", 10)
                        : LookupError.DNS_SERVFAIL.of("name", "b-" + i + ".iso6523-actorid-upis.edelivery.tech.ec.europa.eu");
                registrations.add(new Object[] {id, status, enterprise == null ? null : "iso6523-actorid-upis::0208:" + enterprise,
                        ap == null ? null : ap[0], ap == null ? null : ap[1], ap == null ? null : ap[2],
                        ap == null ? null : "smp.example-" + ap[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".be",
                        ap == null ? "[]" : "[\"" + INVOICE_DOC_TYPE + "\"]", ap != null, checked,
                        status == PeppolStatus.LOOKUP_FAILED ? null : checked, checked.minusDays(rnd.nextInt(90)),
                        status,
                        failure == null ? null : failure.message(), failure == null ? null : failure.code().code(),
                        failure == null ? null : json.valueToTree(failure.params()).toString()});
            }
        }
        db.batch("""
                with c as (insert into client (id, reference, name, type, legal_form, enterprise_number, vat_number, vat_liable, email,
                                               language, street, postal_code, city, country, responsible_user_id, created_at, updated_at)
                           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BE', ?, ?, ?) returning id)
                insert into client_fields (client_id, custom_fields) select id, ?::jsonb from c""", clients);
        db.batch("""
                insert into peppol_registration (client_id, status, participant_id, access_point_name, access_point_seat_id,
                       access_point_country, smp_host, document_types, can_receive_invoices, checked_at, confirmed_at, last_change_at,
                       last_check_outcome, last_check_error, last_check_error_code, last_check_error_params)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""", registrations);
        // the change feed of the last month: the demo clients that became registered (Changes page)
        db.update("""
                insert into peppol_change (client_id, kind, from_value, to_value, at)
                select p.client_id, 'REGISTERED', 'NOT_REGISTERED', p.access_point_name, p.last_change_at
                from peppol_registration p join client c on c.id = p.client_id
                where c.reference like 'CL-%' and p.status = 'REGISTERED' and p.last_change_at > now() - interval '30 days'""");
        db.update("""
                insert into client_history (client_id, at, actor_id, actor_name, kind)
                select id, created_at, null, 'demo seed', 'CREATED' from client where reference like 'CL-%'""");
        return COUNT;
    }

    static String enterpriseNumber(Random rnd) {
        long base = 2_000_000 + rnd.nextInt(8_000_000); // 0200.000.0xx – 0999.999.9xx
        return BelgianIdentifiers.enterpriseNumber(base);
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
