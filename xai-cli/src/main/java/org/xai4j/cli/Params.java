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

    /** Parses {@code key=value} strings; a repeated key keeps the last value. */
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

    /** Whether {@code key} was given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw text of {@code key}, or {@code fallback}. */
    public String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    /** An integer setting. */
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

    /** A long setting. */
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

    /** A floating-point setting. */
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

    /** A boolean setting ({@code true}/{@code false}). */
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

    /** A list of integers separated by commas or 'x' (e.g. {@code window=1,4,4}). */
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

    /** An enum setting written in kebab case ({@code gauss-legendre} for {@code GAUSS_LEGENDRE}; any case, '-' or '_'). */
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

    /** An enum constant's kebab-case name. */
    public static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Fails on any given key that no getter read, naming the valid keys and the closest match. */
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
