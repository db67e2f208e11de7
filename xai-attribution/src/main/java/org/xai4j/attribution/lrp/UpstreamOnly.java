package org.xai4j.attribution.lrp;

import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Retention;

/**
 * A rule that reads nothing of the forward pass, only the relevance arriving from above: the engine keeps none of
 * the node's values for it, and a K-row backward (CRP's conditioned rows) can run it on all K rows against one
 * stored forward row.
 */
interface UpstreamOnly extends BackwardRule {
    @Override
    default boolean broadcastsRows(Node node) {
        return true;
    }

    @Override
    default Retention retention(Node node) {
        return Retention.NONE;
    }
}
