package org.xai4j.core;

/**
 * Settings of a method that works at one layer of the model. Every such record spells the setting the same way,
 * {@code layer}.
 */
public interface WithLayer extends ExplainerConfig {
    /**
     * The layer the method works at.
     *
     * @return a graph node's name, or the name of its output value; null in settings that leave it to be set
     */
    String layer();

    /**
     * A copy at another layer, the other settings unchanged.
     *
     * @param layer a graph node's name, or the name of its output value; not blank
     * @return the copy, of the record's own type
     * @throws InvalidConfigException if the record refuses {@code layer}
     */
    WithLayer withLayer(String layer);
}
