package org.xai4j.cam;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.MappedExplanation;
import org.xai4j.core.Provenance;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.XaiException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Names;

/**
 * A class activation map: one H×W map per input row (N×H×W), the layers it was taken at with each
 * layer's own map, the resolved target and the provenance. Owns copies of its arrays; the accessors return
 * them without copying, so treat them as read-only.
 */
public final class CamMap implements MappedExplanation {
    private final INDArray map;
    private final List<String> layers;
    private final Map<String, INDArray> layerMaps;
    private final Target target;
    private final Provenance provenance;

    /**
     * @param map        the aggregated map, N×H×W
     * @param layers     the layers, in the order they were aggregated
     * @param layerMaps  each layer's map before aggregation (N×h×w, after ReLU, normalisation and resizing)
     * @param target     the resolved target
     * @param provenance how the map was made
     */
    public CamMap(INDArray map, List<String> layers, Map<String, INDArray> layerMaps, Target target,
                  Provenance provenance) {
        this(map, layers, layerMaps, target, provenance, true);
    }

    /** For arrays made for this map alone ({@code copy} false): they are kept without copying. */
    CamMap(INDArray map, List<String> layers, Map<String, INDArray> layerMaps, Target target, Provenance provenance,
           boolean copy) {
        if (map == null || map.rank() != 3) {
            throw new XaiException("a CAM map must be N×H×W but got "
                    + (map == null ? "null" : Arrays.toString(map.shape())));
        }
        this.map = copy ? own(map) : map;
        this.layers = List.copyOf(layers);
        Map<String, INDArray> lm = new LinkedHashMap<>();
        layerMaps.forEach((k, v) -> lm.put(k, copy ? own(v) : v));
        this.layerMaps = Collections.unmodifiableMap(lm);
        this.target = target;
        this.provenance = provenance;
    }

    private static INDArray own(INDArray a) {
        return a.isAttached() ? a.detach() : a.dup();
    }

    /** The map, N×H×W. */
    @Override
    public INDArray map() {
        return map;
    }

    /**
     * Row {@code i}'s map, 1×H×W.
     *
     * @param i the row, 0 ≤ i &lt; N
     * @return a view of the map's row, shape [1, H, W]; treat as read-only
     */
    public INDArray row(int i) {
        return Batching.rows(map, i, i + 1);
    }

    /**
     * The layers the map was taken at.
     *
     * @return an unmodifiable list of the layer names, in aggregation order
     */
    public List<String> layers() {
        return layers;
    }

    /**
     * The map of one layer before aggregation (N×h×w).
     *
     * @param layer one of {@link #layers()}
     * @return the layer's map, N×h×w, after ReLU, normalisation and resizing; read-only
     */
    public INDArray layerMap(String layer) {
        INDArray m = layerMaps.get(layer);
        if (m == null) {
            throw new UnknownLayerException(layer, Names.closest(layer, layerMaps.keySet(), 5));
        }
        return m;
    }

    /**
     * Every layer's map before aggregation, in layer order.
     *
     * @return an unmodifiable map from layer name to its N×h×w map, in layer order
     */
    public Map<String, INDArray> layerMaps() {
        return layerMaps;
    }

    /**
     * The target after resolution (the classes or mask actually explained).
     *
     * @return the target whose scores the map explains
     */
    public Target target() {
        return target;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "CamMap" + Arrays.toString(map.shape()) + " by " + provenance.method() + " at " + layers + " for "
                + target.describe();
    }
}
