package org.xai4j.attribution.layer;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Names;
import org.xai4j.attribution.internal.FlatRows;

/** Layer-name checks and batched layer reads shared by the layer methods. */
final class Layers {
    private Layers() {
    }

    /** Fails with {@link UnknownLayerException} (listing close names) unless {@code model} has {@code layer}. */
    static String require(LayeredModel model, String layer) {
        List<String> names = model.layerNames();
        if (layer == null || !names.contains(layer)) {
            String l = String.valueOf(layer);
            throw new UnknownLayerException(l, Names.closest(l, names, 5));
        }
        return layer;
    }

    /** The activation of {@code layer} for every row of {@code input}, in batches, checked for rows and NaN. */
    static INDArray activation(LayeredModel model, INDArray input, String layer, BatchPolicy policy) {
        int rows = policy.rowsPerBatch(FlatRows.bytesPerRow(input));
        return Batching.map(input, rows, block -> checked(model, block,
                ModelCalls.forward(model, block, List.of(layer)).activation(layer), layer));
    }

    /** {@code a} after checking it has the block's rows and finite values. */
    static INDArray checked(LayeredModel model, INDArray block, INDArray a, String layer) {
        if (a == null || a.rank() == 0 || a.size(0) != block.size(0)) {
            throw new XaiException("model " + model.id() + " returned " + (a == null ? "null" : "shape " + FlatRows.shape(a))
                    + " at layer '" + layer + "' for a batch of " + block.size(0) + " rows");
        }
        Checks.requireFinite(a, "layer '" + layer + "' of model " + model.id());
        return a;
    }
}
