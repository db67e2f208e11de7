package org.xai4j.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a settings record as text: every component, in declaration order, keyed by its name. This is the one
 * place that turns settings into provenance and {@code xai methods} lines, so a record's components are the
 * only list of its settings.
 *
 * <p>Values: {@code null} → {@code none}; enums by {@link Enum#name()}; {@link Describable} by its description;
 * arrays element by element ({@code [4, 4]}); collections likewise; nested records (a
 * {@link org.xai4j.core.util.BatchPolicy}, say) flattened as {@code component.subComponent}; anything else by
 * {@link String#valueOf}; an {@link INDArray} by its shape. Components marked {@link NotRecorded} are left out.
 */
public final class Settings {
    private Settings() {
    }

    /**
     * Every component of {@code settings} as text, in declaration order (see the class comment).
     *
     * @param settings a settings record
     * @return an insertion-ordered map of component name → value as text
     * @throws InvalidConfigException if {@code settings} is null
     */
    public static Map<String, String> toMap(Record settings) {
        if (settings == null) {
            throw new InvalidConfigException("settings must not be null");
        }
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "", settings);
        return out;
    }

    private static void put(Map<String, String> out, String prefix, Record r) {
        for (Component c : COMPONENTS.get(r.getClass())) {
            Object v = c.value(r);
            String key = prefix + c.name();
            if (v instanceof Record nested && !(v instanceof Describable)) {
                put(out, key + ".", nested);
            } else {
                out.put(key, text(v));
            }
        }
    }

    /**
     * A recorded component of a settings record: its name and accessor. Reflection on a record is slow (each
     * {@code getRecordComponents()} call builds new component objects and parses their annotations again: about
     * 0.2 ms per explanation measured in Integrated Gradients' provenance), so it runs once per record class.
     */
    private record Component(String name, Method accessor) {
        Object value(Record r) {
            try {
                return accessor.invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read setting '" + name + "' of "
                        + r.getClass().getSimpleName(), e);
            }
        }
    }

    /** The recorded components of each record class, in declaration order ({@link NotRecorded} ones left out). */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (!c.isAnnotationPresent(NotRecorded.class)) {
                    Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    out.add(new Component(c.getName(), accessor));
                }
            }
            return List.copyOf(out);
        }
    };

    /**
     * One setting's value as text (see the class comment).
     *
     * @param v a setting's value
     * @return the value as text
     */
    public static String text(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof INDArray a) {
            return Arrays.toString(a.shape());
        }
        if (v instanceof Describable d) {
            return d.describe();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Settings::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v.getClass().isArray()) {
            return arrayText(v);
        }
        return String.valueOf(v);
    }

    private static String arrayText(Object a) {
        if (a instanceof int[] x) {
            return Arrays.toString(x);
        }
        if (a instanceof long[] x) {
            return Arrays.toString(x);
        }
        if (a instanceof double[] x) {
            return Arrays.toString(x);
        }
        if (a instanceof float[] x) {
            return Arrays.toString(x);
        }
        if (a instanceof boolean[] x) {
            return Arrays.toString(x);
        }
        if (a instanceof Object[] x) {
            return Arrays.stream(x).map(Settings::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(a);
    }

}
