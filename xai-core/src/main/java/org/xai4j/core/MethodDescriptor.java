package org.xai4j.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A method's name (the CLI's kebab-case name, e.g. {@code integrated-gradients}), its configuration as
 * text, and its capabilities.
 */
public record MethodDescriptor(String name, Map<String, String> config, Set<Capability> capabilities) {
    /**
     * Copies {@code config} and {@code capabilities}.
     *
     * @param name the method's kebab-case name, not blank
     * @param config every setting as text, in declaration order
     * @param capabilities what the method needs of the model
     * @throws InvalidConfigException if {@code name} is null or blank
     */
    public MethodDescriptor {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigException("a method needs a name");
        }
        config = FrozenSettings.of(java.util.Objects.requireNonNull(config, "config"));
        capabilities = capabilities.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /**
     * A descriptor from a config record.
     *
     * @param name the method's kebab-case name
     * @param config the settings record; its {@link ExplainerConfig#toMap()} is recorded
     * @param capabilities what the method needs of the model
     * @return the descriptor
     */
    public static MethodDescriptor of(String name, ExplainerConfig config, Capability... capabilities) {
        return new MethodDescriptor(name, config.toMap(), capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities));
    }

    /**
     * Whether the method has {@code c}.
     *
     * @param c a capability
     * @return true when the method has it
     */
    public boolean has(Capability c) {
        return capabilities.contains(c);
    }
}
