package org.xai4j.core;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A method's settings as text, in their order, that no one can change: a private copy behind an unmodifiable view.
 * {@link MethodDescriptor} and {@link Provenance} keep their settings as one, so provenance made from a descriptor
 * shares the descriptor's map instead of copying it on every call. Serializable, as the unmodifiable maps it replaced
 * were.
 */
final class FrozenSettings extends AbstractMap<String, String> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> view;

    private FrozenSettings(Map<String, String> copy) {
        this.view = Collections.unmodifiableMap(copy);
    }

    /** {@code config} itself when it is already one, else a copy of it ({@code null}: none). */
    static FrozenSettings of(Map<String, String> config) {
        if (config instanceof FrozenSettings s) {
            return s;
        }
        return new FrozenSettings(config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return view.entrySet();
    }

    @Override
    public String get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        view.forEach(action);
    }
}
