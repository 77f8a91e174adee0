package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void valuesRoundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 \u00e9 \u4e2d \ud83d\ude00");
        m.put("long", Long.MIN_VALUE);
        m.put("max", Long.MAX_VALUE);
        m.put("double", -1.5e-300);
        m.put("true", true);
        m.put("null", null);
        m.put("empty", List.of());
        m.put("emptyObject", Map.of());
        m.put("nested", List.of(List.of(1L, 2L), Map.of("k", "v")));
        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void numbersReadAsLongOrDouble() {
        assertEquals(List.of(0L, -0L, 12L, 1.0, 0.5, 100.0, -2.5e-3), Json.parse("[0, -0, 12, 1.0, 0.5, 1e2, -2.5E-3]"));
    }

    @Test
    void escapesAreDecoded() {
        assertEquals("\u00e9\n/\"\\\b\f\r\t", Json.parse("\"\\u00E9\\n\\/\\\"\\\\\\b\\f\\r\\t\""));
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertInstanceOf(List.class, Json.parse(deep));
        String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(tooDeep));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":".repeat(100_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "+1", "-",
        "1.", ".5", "1e", "1e+", "--1", "\"\\x\"", "\"\\u12G4\"", "\"\\u+123\"", "\"\\u12\"", "\"open", "\"a\nb\"",
        "tru", "nul", "True", "NaN", "Infinity", "{\"a\":1,\"a\":2}", "99999999999999999999", "[1] x", "[1]]",
        "\u00a0[1]", "'a'"})
    void malformedJsonIsRefusedWithAnOffset(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains(" at offset "), e.getMessage());
    }

    @Test
    void duplicateKeysAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"key\": 1, \"key\": 2}"));
        assertEquals("duplicate key \"key\" at offset 11", e.getMessage());
    }

    @Test
    void writingRefusesWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertEquals("\"\\u001f\"", Json.quote("\u001f"));
    }

    @Test
    void writtenJsonIsIndentedAndOrdered() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", Arrays.asList("x", null));
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    null\n  ]\n}", Json.write(m));
    }
}
