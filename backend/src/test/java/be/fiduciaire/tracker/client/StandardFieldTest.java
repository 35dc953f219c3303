package be.fiduciaire.tracker.client;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import be.fiduciaire.tracker.client.ClientDtos.AddressInput;
import be.fiduciaire.tracker.client.ClientDtos.ClientInput;
import be.fiduciaire.tracker.client.StandardField.Use;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.common.Patch;
import jakarta.persistence.Column;

/**
 * The typed shapes that must follow the registry (the API records and the entity) do: adding a standard field to
 * {@link StandardField} without them, or them without it, fails here naming the field.
 */
class StandardFieldTest {

    private static Set<String> writable() {
        Set<String> names = new TreeSet<>();
        for (StandardField f : StandardField.with(Use.WRITE)) names.add(f.json());
        return names;
    }

    @Test
    void everyWritableFieldIsAPropertyOfClientInputAndNothingElseIs() {
        Set<String> input = new TreeSet<>();
        for (RecordComponent c : ClientInput.class.getRecordComponents()) {
            if (Set.of("address", "customFields", "version", "unknown").contains(c.getName())) continue;
            input.add(c.getName());
        }
        for (RecordComponent c : AddressInput.class.getRecordComponents()) {
            if (!c.getName().equals("unknown")) input.add("address." + c.getName());
        }
        assertEquals(writable(), input);
    }

    @Test
    void clientInputHandsEverySentWritableFieldToTheRegistry() {
        Patch<String> text = Patch.of("x");
        AddressInput address = new AddressInput(text, text, text, text, Map.of());
        ClientInput all = new ClientInput(text, text, Patch.of(ClientView.ClientType.PERSON), text, text, text, Patch.of(true), text,
                Patch.of(ClientView.ClientLanguage.nl), Patch.of(address), Patch.of(UUID.randomUUID()),
                Patch.of(ClientView.ClientStatus.ARCHIVED), Patch.absent(), Patch.absent(), Map.of());
        Set<String> handed = new TreeSet<>();
        all.standard().keySet().forEach(f -> handed.add(f.json()));
        assertEquals(writable(), handed);
        ClientInput none = new ClientInput(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.absent(), Patch.ofNull(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Map.of());
        // address: null clears its four parts, nothing else is sent
        assertEquals(List.of(StandardField.STREET, StandardField.POSTAL_CODE, StandardField.CITY, StandardField.COUNTRY),
                new ArrayList<>(none.standard().keySet()));
    }

    @Test
    void everyClientColumnIsMappedByTheEntityAndEveryWritableFieldRoundTrips() {
        Set<String> entityColumns = new TreeSet<>();
        for (Field f : Client.class.getFields()) {
            Column column = f.getAnnotation(Column.class);
            entityColumns.add(column != null && !column.name().isEmpty() ? column.name() : f.getName());
        }
        for (StandardField f : StandardField.values()) {
            f.column().ifPresent(column -> assertTrue(entityColumns.contains(column), f + ": no entity field for column " + column));
        }
        Client client = new Client();
        for (StandardField f : StandardField.with(Use.WRITE)) {
            Object value = sample(f);
            client.set(f, value);
            assertEquals(value, client.get(f), f.json());
        }
    }

    @Test
    void everyStandardFieldIsShownInTheClientJson() {
        Set<String> view = new TreeSet<>();
        for (RecordComponent c : ClientView.class.getRecordComponents()) view.add(c.getName());
        for (RecordComponent c : ClientView.Address.class.getRecordComponents()) view.add("address." + c.getName());
        for (RecordComponent c : ClientView.PeppolSummary.class.getRecordComponents()) view.add("peppol." + c.getName());
        for (StandardField f : StandardField.values()) {
            if (f == StandardField.LAST_INFO_EMAIL_AT) continue; // an export column, not part of the client
            assertTrue(view.contains(f.json()), f.json() + " is not in ClientView");
        }
    }

    @Test
    void codesComeFromTheEnumsAndEveryFieldHasThreeLabels() {
        assertEquals(List.of("COMPANY", "PERSON"), StandardField.TYPE.codes());
        assertEquals(List.of("fr", "nl", "en", "de"), StandardField.LANGUAGE.codes());
        assertEquals(Arrays.stream(be.fiduciaire.tracker.peppol.PeppolStatus.values()).map(Enum::name).toList(),
                StandardField.PEPPOL_STATUS.codes());
        for (StandardField f : StandardField.values()) {
            assertEquals(Set.of("fr", "nl", "en"), f.labels().keySet(), f.json());
            if (f.kind() == FieldKind.CODE) assertFalse(f.codes().isEmpty(), f.json());
            if (f.is(Use.WRITE) || f.is(Use.BULK_EDIT)) assertNotNull(f.type(), f.json() + " is written: it needs a value type");
            if (f.is(Use.BULK_EDIT)) assertTrue(f.column().isPresent(), f.json() + " is bulk-edited: it needs a column");
        }
    }

    @Test
    void valuesAreReadStrictlyAndNormalisedOneWayForEveryCaller() {
        assertEquals(ClientView.ClientLanguage.nl, StandardField.LANGUAGE.read(TextNode.valueOf("nl")));
        assertEquals("Must be fr, nl, en or de", assertThrows(IllegalArgumentException.class,
                () -> StandardField.LANGUAGE.read(TextNode.valueOf("es"))).getMessage());
        assertEquals("Must be true or false", assertThrows(IllegalArgumentException.class,
                () -> StandardField.VAT_LIABLE.read(TextNode.valueOf("true"))).getMessage());
        assertNull(StandardField.RESPONSIBLE_USER_ID.read(null));
        assertEquals("name is required", assertThrows(IllegalArgumentException.class, () -> StandardField.NAME.normalise("  ")).getMessage());
        assertEquals("0123456749", StandardField.ENTERPRISE_NUMBER.normalise(" BE 0123.456.749 "));
        assertEquals("BE", StandardField.COUNTRY.normalise("be"));
        assertNull(StandardField.EMAIL.normalise(""));
    }

    private static Object sample(StandardField f) {
        Class<?> type = f.type();
        if (type == String.class) return "value of " + f.json();
        if (type == Boolean.class) return true;
        if (type == UUID.class) return UUID.randomUUID();
        Object[] constants = type.getEnumConstants();
        return constants[constants.length - 1];
    }
}
