package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.util.NativeBuffers;

/**
 * What the DeepLIFT rules share: the check that the pass carries a reference, and freeing the off-heap buffers
 * of a rule's own temporaries as soon as it is done with them (as the graph engine does for its intermediates)
 * instead of leaving them to the garbage collector, whose delay lets native memory pile up.
 */
final class Temporaries {
    private Temporaries() {
    }

    /** Frees each array, all made by the caller (never pass an array the engine or the caller's caller owns). */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            NativeBuffers.release(a);
        }
    }

    /** Throws unless the pass was given the reference's forward values, which every DeepLIFT rule reads. */
    static void requireReference(BackwardContext c, String rule) {
        if (!c.hasReference()) {
            throw new IllegalStateException("DeepLIFT rule " + rule + " at node '" + c.node().name()
                    + "' needs the reference's forward values: pass a reference in the Propagation");
        }
    }
}
