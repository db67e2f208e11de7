package org.xai4j.cam;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;

/**
 * The layer a CAM uses when none is named: the last layer whose output is N×C×H×W with H and W above one
 * and that is not a pooling node, usually the last convolution block's activation (the layer Selvaraju et
 * al. use for Grad-CAM). The API ({@link CamConfig#of(String...)} with no layer) and the command line choose it here.
 */
public final class CamLayers {
    private CamLayers() {
    }

    /**
     * The last spatial layer of {@code model}, found by one forward pass of an all-zero row of the model's
     * declared input shape.
     *
     * @param model the model
     * @return the layer's name, as {@link LayeredModel#layerNames()} spells it
     * @throws InvalidConfigException when the model declares no fixed input shape or has no spatial layer
     */
    public static String lastSpatial(LayeredModel model) {
        if (model == null) {
            throw new InvalidConfigException("a CAM needs a model but got null");
        }
        long[] row = model.rowShape().orElseThrow(() -> new InvalidConfigException("model " + model.id()
                + " does not declare its input shape, so no CAM layer can be chosen without an input; name a layer"
                + " or use CamLayers.lastSpatial(model, input)"));
        long[] shape = new long[row.length + 1];
        shape[0] = 1;
        for (int i = 0; i < row.length; i++) {
            if (row[i] <= 0) {
                throw new InvalidConfigException("model " + model.id() + " has free input sizes "
                        + Arrays.toString(row) + ", so no CAM layer can be chosen without an input; name a layer"
                        + " or use CamLayers.lastSpatial(model, input)");
            }
            shape[i + 1] = row[i];
        }
        return lastSpatial(model, Nd4j.zeros(DataType.FLOAT, shape));
    }

    /**
     * The last spatial layer of {@code model} for inputs shaped like {@code example} (for models with free
     * input sizes, such as fully convolutional segmenters).
     *
     * @param model   the model
     * @param example an input the model accepts; only its shape matters (one forward pass)
     * @return the layer's name, as {@link LayeredModel#layerNames()} spells it
     * @throws InvalidConfigException when the model has no spatial layer for this input
     */
    public static String lastSpatial(LayeredModel model, INDArray example) {
        if (model == null || example == null) {
            throw new InvalidConfigException("choosing a CAM layer needs a model and an example input but got "
                    + (model == null ? "no model" : "no input"));
        }
        List<String> names = model.layerNames();
        Map<String, INDArray> acts = ModelCalls.forward(model, example, names).activations();
        String last = null;
        for (String name : names) {
            INDArray a = acts.get(name);
            boolean pooling = model instanceof Graph g && g.node(name).opType().contains("Pool");
            if (a != null && a.rank() == 4 && a.size(2) > 1 && a.size(3) > 1 && !pooling) {
                last = name;
            }
        }
        if (last == null) {
            throw new InvalidConfigException("model " + model.id() + " has no N×C×H×W layer (other than pooling)"
                    + " for a CAM; name a layer");
        }
        return last;
    }
}
