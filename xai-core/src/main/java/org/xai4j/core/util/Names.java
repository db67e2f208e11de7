package org.xai4j.core.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a misspelt one, for "did you mean" messages. */
public final class Names {
    private Names() {
    }

    /**
     * Up to {@code max} candidates ordered by closeness to {@code name}: candidates that contain it (or are
     * contained in it) first, then by Levenshtein distance; candidates further than half the name's length
     * (at least 3 edits) are left out unless they share a substring.
     *
     * @param name the name asked for
     * @param candidates the names that exist
     * @param max the most suggestions
     * @return the closest candidates, best first; empty when none is close
     */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        String needle = name.toLowerCase(Locale.ROOT);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            boolean contains = !needle.isEmpty() && (lc.contains(needle) || needle.contains(lc));
            int d = levenshtein(needle, lc);
            if (contains) {
                scored.add(new Scored(c, d - 1000));
            } else if (sharesAllTokens(needle, lc)) {
                // hierarchical names: '/layer1/relu' for '/layer1/layer1.0/relu/Relu'
                scored.add(new Scored(c, d - 500));
            } else if (d <= Math.max(3, needle.length() / 2)) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        return scored.stream().limit(max).map(Scored::name).toList();
    }

    /** Whether every token of {@code needle} (split at / . _ : - and spaces) is a token of {@code candidate}. */
    static boolean sharesAllTokens(String needle, String candidate) {
        List<String> want = tokens(needle);
        if (want.isEmpty()) {
            return false;
        }
        List<String> have = tokens(candidate);
        return have.containsAll(want);
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split("[/._:\\- ]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The edit distance (insertions, deletions, substitutions) between two strings.
     *
     * @param a the first string
     * @param b the second string
     * @return the number of single-character edits, at least 0
     */
    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
