package org.xai4j.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xai4j.core.util.Names;

/**
 * The {@code --param key=value} settings of one command, in kebab case. Reading a key marks it used;
 * {@link #requireAllUsed} then rejects keys the method does not know, listing the valid ones.
 */
public final class Params {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new java.util.HashSet<>();

    private Params() {
    }

    /**
     * Parses {@code key=value} strings; a repeated key keeps the last value.
     *
     * @param pairs the {@code --param} values as typed, e.g. {@code steps=32}; null means none
     * @return the settings, keys and values trimmed, none yet marked used
     * @throws UsageException if a string has no '=' or nothing before it
     */
    public static Params parse(Collection<String> pairs) {
        Params p = new Params();
        for (String s : pairs == null ? List.<String>of() : pairs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs key=value but got '" + s + "'");
            }
            p.values.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return p;
    }

    /**
     * Whether {@code key} was given. Does not mark the key used.
     *
     * @param key the kebab-case key, e.g. {@code noise-sd}
     * @return true if the command line set it
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * The raw text of {@code key}, or {@code fallback}; marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given (may be null)
     * @return the trimmed text after '=', or {@code fallback}
     */
    public String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    /**
     * An integer setting. Marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given
     * @return the parsed value, or {@code fallback}
     * @throws UsageException if the text is not an integer, naming the key and the text
     */
    public int integer(String key, int fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("parameter " + key + " must be an integer but was '" + v + "'");
        }
    }

    /**
     * A long setting. Marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given
     * @return the parsed value, or {@code fallback}
     * @throws UsageException if the text is not an integer, naming the key and the text
     */
    public long longValue(String key, long fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("parameter " + key + " must be an integer but was '" + v + "'");
        }
    }

    /**
     * A floating-point setting. Marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given
     * @return the parsed value, or {@code fallback}
     * @throws UsageException if the text is not a number, naming the key and the text
     */
    public double number(String key, double fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("parameter " + key + " must be a number but was '" + v + "'");
        }
    }

    /**
     * A boolean setting ({@code true}/{@code false}). Marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given
     * @return the parsed value, or {@code fallback}
     * @throws UsageException if the text is not true or false (any case), naming the key and the text
     */
    public boolean bool(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new UsageException("parameter " + key + " must be true or false but was '" + v + "'");
    }

    /**
     * A list of integers separated by commas, 'x' or '×' (e.g. {@code window=1,4,4}). Marks the key used.
     *
     * @param key      the kebab-case key
     * @param fallback the value when the key was not given (returned as is, not copied)
     * @return the integers in the order written, or {@code fallback}
     * @throws UsageException if a part is not an integer, naming the key and the text
     */
    public int[] integers(String key, int[] fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        String[] parts = v.split("[,x×]");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new UsageException("parameter " + key + " must be integers separated by commas but was '" + v + "'");
        }
        return out;
    }

    /**
     * An enum setting written in kebab case ({@code gauss-legendre} for {@code GAUSS_LEGENDRE}; any case, '-' or '_').
     * Marks the key used.
     *
     * @param <E>      the enum type
     * @param key      the kebab-case key
     * @param type     the enum class whose constants are accepted
     * @param fallback the value when the key was not given
     * @return the matching constant, or {@code fallback}
     * @throws UsageException if no constant matches, listing the accepted names
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (kebab(e).equals(v.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(kebab(e));
        }
        throw new UsageException("parameter " + key + " must be one of " + String.join("|", names) + " but was '" + v + "'");
    }

    /**
     * An enum constant's kebab-case name.
     *
     * @param e the constant
     * @return its name in lower case with '_' replaced by '-', e.g. {@code gauss-legendre}
     */
    public static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Fails on any given key that no getter read, naming the valid keys and the closest match.
     *
     * @param method the method's name, for the message
     * @param valid  the keys the method accepts, for the message and the suggestion
     * @throws UsageException on the first unread key
     */
    public void requireAllUsed(String method, Collection<String> valid) {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                List<String> close = Names.closest(k, valid, 3);
                throw new UsageException("unknown parameter '" + k + "' for " + method
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)")
                        + "; valid: " + String.join(", ", valid));
            }
        }
    }
}
