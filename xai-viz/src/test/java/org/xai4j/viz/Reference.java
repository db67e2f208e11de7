package org.xai4j.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.xai4j.core.util.Json;

/** Reads reference.json, written by src/test/python/make_viz_reference.py (numpy, matplotlib, torch, skimage). */
public final class Reference {
    private static Map<String, Object> cached;

    private Reference() {
    }

    public static synchronized Map<String, Object> get() {
        if (cached == null) {
            try (InputStream in = Reference.class.getResourceAsStream("/org/xai4j/viz/reference.json")) {
                cached = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> section(String name) {
        return (Map<String, Object>) get().get(name);
    }

    public static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    public static int[] ints(Object list) {
        List<?> l = (List<?>) list;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }
}
