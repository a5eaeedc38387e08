package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.TestStanzas;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;

class TupleIdsTest {

    @Test
    @DisplayName("PRES-31: tuple id is ID- plus the resourcepart")
    void prefix() {
        assertEquals("ID-yn0cl4bnw0yr3vym", TupleIds.forResource("yn0cl4bnw0yr3vym"));
        assertEquals("ID-balcony", TupleIds.forResource("balcony"));
        assertEquals("ID-1234", TupleIds.forResource("1234"), "digits are fine after the prefix");
        assertEquals("ID-", TupleIds.forResource(""));
    }

    @Test
    @DisplayName("PRES-31: characters an xs:ID cannot hold are escaped reversibly")
    void escaping() {
        assertEquals("ID-my_20_phone_40_home", TupleIds.forResource("my phone@home"));
        assertEquals("ID-a_5f_b", TupleIds.forResource("a_b"));
        assertEquals("ID-x_1f600_", TupleIds.forResource("x\uD83D\uDE00"));
        assertEquals(Optional.of("my phone@home"), TupleIds.resourceOf("ID-my_20_phone_40_home"));
    }

    @Test
    @DisplayName("AMB-P03: ids without the prefix or with broken escapes are someone else's")
    void foreignIds() {
        assertFalse(TupleIds.resourceOf("t4109").isPresent());
        assertFalse(TupleIds.resourceOf("ID-bad_zz_").isPresent());
        assertFalse(TupleIds.resourceOf("ID-open_").isPresent());
        assertFalse(TupleIds.resourceOf(null).isPresent());
    }

    @Property(tries = 500)
    void roundTripAndNcName(@ForAll @StringLength(max = 100) String resource) {
        String id = TupleIds.forResource(resource);
        assertTrue(isNcName(id), id);
        assertEquals(Optional.of(resource), TupleIds.resourceOf(id));
    }

    /**
     * NCName, checked by the JDK's XML parser: a name without colon that is a legal element name
     * (the JDK caps names at 1000 characters, hence the length bound above).
     */
    static boolean isNcName(String s) {
        return s.indexOf(':') < 0 && XmlCursor.parse(TestStanzas.utf8("<" + s + "/>"), XmlLimits.DEFAULT, c -> c.localName())
                .isOk();
    }
}
