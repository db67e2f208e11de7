package org.xai4j.core;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A method's name (the CLI's kebab-case name, e.g. {@code integrated-gradients}), its configuration as
 * text, and its capabilities.
 */
public record MethodDescriptor(String name, Map<String, String> config, Set<Capability> capabilities) {
    public MethodDescriptor {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigException("a method needs a name");
        }
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        capabilities = capabilities.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /** A descriptor from a config record. */
    public static MethodDescriptor of(String name, ExplainerConfig config, Capability... capabilities) {
        return new MethodDescriptor(name, config.toMap(), capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities));
    }

    /** Whether the method has {@code c}. */
    public boolean has(Capability c) {
        return capabilities.contains(c);
    }
}
