package org.xai4j.viz.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.core.util.Json;

/** Text helpers for the report: escaping, number formats and indented JSON. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes {@code & < > " '} so that any text is safe in element content and quoted attributes.
     *
     * @param s any text; null becomes the empty string
     * @return the escaped text
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab and line breaks are not allowed in HTML or XML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * "12.3 ms" under a second, "1.23 s" above.
     *
     * @param d a duration
     * @return the text
     */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        double ms = d.toNanos() / 1e6;
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    /**
     * "93.1 %".
     *
     * @param p a fraction, e.g. 0.931
     * @return the text with one decimal
     */
    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * p);
    }

    /**
     * JSON with two-space indentation (objects and non-empty arrays on several lines).
     *
     * @param value a value {@link org.xai4j.core.util.Json#write} accepts
     * @return the JSON text
     */
    public static String prettyJson(Object value) {
        StringBuilder sb = new StringBuilder();
        pretty(value, sb, 0);
        return sb.toString();
    }

    private static void pretty(Object v, StringBuilder sb, int depth) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                indent(sb, depth + 1);
                sb.append(Json.write(String.valueOf(e.getKey()))).append(": ");
                pretty(e.getValue(), sb, depth + 1);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                indent(sb, depth + 1);
                pretty(l.get(i), sb, depth + 1);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else {
            sb.append(Json.write(v));
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }
}
