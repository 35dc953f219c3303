package be.fiduciaire.tracker.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** COPY's parameters: placeholders replaced outside quoted text only, values written in PostgreSQL's input format. */
class CopyParamsTest {
    @Test
    void placeholdersInsideLiteralsAndQuotedNamesAreText() {
        String sql = "select '?', \"a?b\", x from t where y = ? and z like 'it''s ?' || ?";
        assertEquals("select '?', \"a?b\", x from t where y = $A and z like 'it''s ?' || $B",
                CopyParams.substitute(sql, List.of("$A", "$B")));
    }

    @Test
    void aPlaceholderWithoutItsParameterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CopyParams.substitute("select ?, ?", List.of("$A")));
        assertThrows(IllegalArgumentException.class, () -> CopyParams.substitute("select 1", List.of("$A")));
    }

    @Test
    void valuesAreWrittenAsPostgreSqlReadsThem() {
        assertEquals("{\"a\",\"b\\\"c\",\"d\\\\e\",NULL}", CopyParams.text(new String[] {"a", "b\"c", "d\\e", null}));
        assertEquals("text[]", CopyParams.type(new String[0]));
        assertEquals("1E+3", new BigDecimal("1E+3").toString());
        assertEquals("1000", CopyParams.text(new BigDecimal("1E+3")));
        assertEquals("numeric", CopyParams.type(BigDecimal.ONE));
        UUID id = UUID.randomUUID();
        assertEquals(id.toString(), CopyParams.text(id));
        assertEquals("uuid", CopyParams.type(id));
        assertEquals("jsonb", CopyParams.type(new Sql.JsonParam("{}")));
        assertThrows(IllegalArgumentException.class, () -> CopyParams.type(new Object()));
    }
}
