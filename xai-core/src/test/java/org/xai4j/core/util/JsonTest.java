package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.xai4j.core.XaiException;

class JsonTest {
    @Test
    void roundTripsNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t unicode é \u0001");
        m.put("i", 42L);
        m.put("d", -1.5e-7);
        m.put("b", true);
        m.put("n", null);
        m.put("l", List.of(1L, "two", List.of()));
        m.put("m", Map.of("k", false));
        String json = Json.write(m);
        assertThat(Json.read(json)).isEqualTo(m);
        assertThat(json).startsWith("{\"s\":");
    }

    @Test
    void keepsKeyOrder() {
        Map<String, Object> m = Json.readObject("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(m.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : Arrays.asList("{", "{\"a\" 1}", "[1,]", "tru", "\"open", "{} x", "{1:2}", "-", "\"\\q\"")) {
            assertThatThrownBy(() -> Json.read(bad)).as(bad).isInstanceOf(XaiException.class)
                    .hasMessageContaining("malformed JSON");
        }
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(XaiException.class);
        assertThatThrownBy(() -> Json.readObject("[1]")).isInstanceOf(XaiException.class).hasMessageContaining("object");
    }

    @Property(tries = 200)
    void anyStringRoundTrips(@ForAll String s) {
        assertThat(Json.read(Json.write(s))).isEqualTo(s);
    }

    @Property(tries = 200)
    void anyFiniteDoubleRoundTrips(@ForAll double d) {
        if (Double.isFinite(d)) {
            assertThat(((Number) Json.read(Json.write(d))).doubleValue()).isEqualTo(d);
        }
    }
}
