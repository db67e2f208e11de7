package org.xai4j.core.graph;

import java.util.Optional;

/**
 * A rule that wraps another and changes only how it crosses the node ({@link #backward}): what the engine keeps,
 * whether it broadcasts rows, its refusals and its description are the wrapped rule's. For wrappers that time a
 * rule, or run it under a condition proven elsewhere, without restating every other method of {@link BackwardRule}.
 */
public interface WrappedRule extends BackwardRule {
    /**
     * The rule this one wraps.
     *
     * @return the wrapped rule; not null
     */
    BackwardRule wrapped();

    @Override
    default Retention retention(Node node) {
        return wrapped().retention(node);
    }

    @Override
    default boolean broadcastsRows(Node node) {
        return wrapped().broadcastsRows(node);
    }

    @Override
    default Optional<String> refusal(Node node, Graph graph) {
        return wrapped().refusal(node, graph);
    }

    @Override
    default String describe() {
        return wrapped().describe();
    }
}
