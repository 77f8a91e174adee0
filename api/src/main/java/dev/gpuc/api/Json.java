package dev.gpuc.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer for gpuc's own small documents (artifact headers, sidecars,
 * runtime-values files, CLI output), so the API carries no JSON dependency.
 *
 * <p>Objects read as {@code LinkedHashMap<String,Object>}, arrays as {@code List<Object>},
 * numbers as {@code Long} when integral else {@code Double}. Writing accepts the same shapes
 * plus any finite {@code Number}, {@code Boolean} and {@code null}.
 *
 * <p>Reading is strict (RFC 8259) because it also reads untrusted files (cache entries): every
 * malformed input, a duplicate key, an integer beyond {@code long} or nesting deeper than
 * {@value #MAX_DEPTH} is an {@link IllegalArgumentException} naming the offset.
 */
public final class Json {
    private Json() {}

    /** Deeper documents are refused rather than overflowing the stack. */
    public static final int MAX_DEPTH = 256;

    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.ws();
        Object v = r.value();
        r.ws();
        if (r.i != text.length()) {
            throw r.error("trailing characters");
        }
        return v;
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            sb.append(quote(s));
        } else if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException("JSON has no " + v);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int k = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("  ".repeat(indent + 1)).append(quote(String.valueOf(e.getKey()))).append(": ");
                write(sb, e.getValue(), indent + 1);
                sb.append(++k < m.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int k = 0; k < l.size(); k++) {
                sb.append("  ".repeat(indent + 1));
                write(sb, l.get(k), indent + 1);
                sb.append(k + 1 < l.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static final class Reader {
        final String s;
        int i;
        int depth;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + i);
        }

        void ws() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
        }

        Object value() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected token");
            }
            i += word.length();
            return value;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            enter();
            i++;
            ws();
            if (peek('}')) {
                i++;
                depth--;
                return m;
            }
            while (true) {
                ws();
                if (!peek('"')) {
                    throw error("expected a key");
                }
                int keyAt = i;
                String key = string();
                ws();
                expect(':');
                ws();
                if (m.containsKey(key)) {
                    i = keyAt;
                    throw error("duplicate key \"" + key + "\"");
                }
                m.put(key, value());
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    depth--;
                    return m;
                }
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            enter();
            i++;
            ws();
            if (peek(']')) {
                i++;
                depth--;
                return l;
            }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    depth--;
                    return l;
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    i--;
                    throw error("unescaped control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> sb.append(hex4());
                    default -> {
                        i--;
                        throw error("bad escape '\\" + e + "'");
                    }
                }
            }
            throw error("unterminated string");
        }

        char hex4() {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int d = i < s.length() ? Character.digit(s.charAt(i), 16) : -1;
                if (d < 0) {
                    throw error("bad \\u escape");
                }
                v = v * 16 + d;
                i++;
            }
            return (char) v;
        }

        Object number() {
            int start = i;
            if (peek('-')) {
                i++;
            }
            if (peek('0')) {
                i++;
            } else if (!digits()) {
                i = start;
                throw error(i < s.length() ? "unexpected character '" + s.charAt(i) + "'" : "unexpected end");
            }
            boolean integral = true;
            if (peek('.')) {
                i++;
                integral = false;
                if (!digits()) {
                    throw error("digits expected after '.'");
                }
            }
            if (peek('e') || peek('E')) {
                i++;
                integral = false;
                if (peek('+') || peek('-')) {
                    i++;
                }
                if (!digits()) {
                    throw error("digits expected in exponent");
                }
            }
            String t = s.substring(start, i);
            if (!integral) {
                return Double.parseDouble(t);
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                i = start;
                throw error("integer " + t + " does not fit in 64 bits");
            }
        }

        /** Skips digits; whether there was at least one. */
        boolean digits() {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            return i > start;
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }
    }
}
