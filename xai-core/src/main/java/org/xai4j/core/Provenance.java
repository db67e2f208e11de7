package org.xai4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Json;

/**
 * How an explanation was made: the method and its full configuration, the model, the target, the
 * baseline, the seed, and the software it ran on. Round-trips through {@link #toMap()}/{@link #fromMap}
 * and {@link #toJson()}/{@link #fromJson}.
 *
 * @param method         method name, e.g. {@code integrated-gradients}
 * @param config         every configuration setting as text
 * @param modelId        the model's {@link org.xai4j.core.model.PredictionFunction#id()}
 * @param target         the target's description (after resolution: the classes actually explained)
 * @param baseline       the baseline's description, or {@code null} when the method uses none
 * @param seed           the seed (the settings' seed where they have one), or {@code null} for methods without one
 * @param libraryVersion xai4j's version
 * @param backend        the ND4J backend that computed it
 * @param javaVersion    the Java runtime version
 * @param engine         what ran the model's passes, as the model's {@link org.xai4j.core.model.PredictionFunction#engine()}
 *                       says (e.g. {@code graph}, {@code graph; forward passes: onnxruntime}, {@code onnxruntime}), or
 *                       {@code null} when the model does not say; written to JSON only when known
 */
public record Provenance(String method, Map<String, String> config, String modelId, String target, String baseline,
                         Long seed, String libraryVersion, String backend, String javaVersion, String engine) {
    /**
     * Copies {@code config}.
     *
     * @param method method name, not null
     * @param config every configuration setting as text; null for none
     * @param modelId the model's id
     * @param target the target's description
     * @param baseline the baseline's description, or null
     * @param seed the seed, or null
     * @param libraryVersion xai4j's version
     * @param backend the ND4J backend
     * @param javaVersion the Java runtime version
     * @param engine what ran the model's passes, or null
     * @throws NullPointerException if {@code method} is null
     */
    public Provenance {
        Objects.requireNonNull(method, "method");
        config = FrozenSettings.of(config); // a descriptor's settings are shared, others copied
    }

    /**
     * Provenance that does not say which engine ran the model.
     *
     * @param method method name, not null
     * @param config every configuration setting as text; null for none
     * @param modelId the model's id
     * @param target the target's description
     * @param baseline the baseline's description, or null
     * @param seed the seed, or null
     * @param libraryVersion xai4j's version
     * @param backend the ND4J backend
     * @param javaVersion the Java runtime version
     * @throws NullPointerException if {@code method} is null
     */
    public Provenance(String method, Map<String, String> config, String modelId, String target, String baseline,
                      Long seed, String libraryVersion, String backend, String javaVersion) {
        this(method, config, modelId, target, baseline, seed, libraryVersion, backend, javaVersion, null);
    }

    /**
     * Provenance for a run on this JVM: library version, ND4J backend and Java version filled in. Where the
     * method passes no seed but its settings have one, the settings' seed is recorded, so the two never
     * disagree (a {@code "seed": null} beside {@code config.seed: "0"} read as "unseeded").
     *
     * @param descriptor the method's name, settings and capabilities
     * @param modelId the model's id
     * @param target the resolved target's description
     * @param baseline the baseline's description, or null when the method uses none
     * @param seed the seed the method used, or null
     * @return the provenance
     */
    public static Provenance of(MethodDescriptor descriptor, String modelId, String target, String baseline, Long seed) {
        return of(descriptor, modelId, null, target, baseline, seed);
    }

    /**
     * Provenance for a run of {@code model} on this JVM: as {@link #of(MethodDescriptor, String, String, String, Long)}
     * with the model's id, and the engine that ran its passes ({@link PredictionFunction#engine()}).
     *
     * @param descriptor the method's name, settings and capabilities
     * @param model the model the method called
     * @param target the resolved target's description
     * @param baseline the baseline's description, or null when the method uses none
     * @param seed the seed the method used, or null
     * @return the provenance
     */
    public static Provenance of(MethodDescriptor descriptor, PredictionFunction model, String target, String baseline,
                                Long seed) {
        return of(descriptor, model.id(), model.engine(), target, baseline, seed);
    }

    private static Provenance of(MethodDescriptor descriptor, String modelId, String engine, String target,
                                 String baseline, Long seed) {
        Map<String, String> config = descriptor.config();
        Long recorded = seed;
        if (recorded == null && config.get("seed") != null) {
            try {
                recorded = Long.parseLong(config.get("seed"));
            } catch (NumberFormatException e) {
                recorded = null;
            }
        }
        return new Provenance(descriptor.name(), config, modelId, target, baseline, recorded,
                Versions.library(), Versions.backend(), Versions.java(), engine);
    }

    /**
     * The fields as an ordered map of JSON-compatible values.
     *
     * @return a new insertion-ordered map with the record's fields by name
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("config", new LinkedHashMap<>(config));
        m.put("modelId", modelId);
        m.put("target", target);
        m.put("baseline", baseline);
        m.put("seed", seed);
        m.put("libraryVersion", libraryVersion);
        m.put("backend", backend);
        m.put("javaVersion", javaVersion);
        if (engine != null) {
            m.put("engine", engine);
        }
        return m;
    }

    /**
     * Reads what {@link #toMap()} wrote.
     *
     * @param m a map as {@link #toMap()} writes it
     * @return the provenance
     * @throws XaiException if {@code method} is missing or {@code config} is not a map
     */
    public static Provenance fromMap(Map<String, ?> m) {
        Object cfg = m.get("config");
        Map<String, String> config = new LinkedHashMap<>();
        if (cfg instanceof Map<?, ?> cm) {
            cm.forEach((k, v) -> config.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (cfg != null) {
            throw new XaiException("provenance 'config' must be an object but was " + cfg);
        }
        Object seed = m.get("seed");
        Long s = seed == null ? null : seed instanceof Number n ? n.longValue() : Long.parseLong(seed.toString());
        if (m.get("method") == null) {
            throw new XaiException("provenance lacks 'method'");
        }
        return new Provenance(str(m, "method"), config, str(m, "modelId"), str(m, "target"), str(m, "baseline"), s,
                str(m, "libraryVersion"), str(m, "backend"), str(m, "javaVersion"), str(m, "engine"));
    }

    private static String str(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    /**
     * Compact JSON.
     *
     * @return one line of JSON
     */
    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param json JSON as {@link #toJson()} writes it
     * @return the provenance
     * @throws XaiException if the text is not a JSON object or lacks the fields {@link #fromMap} needs
     */
    public static Provenance fromJson(String json) {
        return fromMap(Json.readObject(json));
    }
}
