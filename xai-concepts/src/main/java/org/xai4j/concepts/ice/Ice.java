package org.xai4j.concepts.ice;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.concepts.Directional;
import org.xai4j.concepts.LayerRows;
import org.xai4j.concepts.Resize;
import org.xai4j.concepts.nmf.Nmf;
import org.xai4j.concepts.nmf.NmfResult;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;

/**
 * Invertible Concept-based Explanations (Zhang et al., "Invertible Concept-based Explanations for CNN Models with
 * Non-negative Concept Activation Vectors", AAAI 2021).
 *
 * <p><b>Fitting</b> ({@link #fit}): the activations A (N × C × h × w) of a ReLU layer over a data set, one row per
 * spatial position (V, (N·h·w) × C), are factorised V ≈ S·P by {@link Nmf} (HALS, streamed over model batches:
 * the model runs once per batch and V is held once). The K rows of P are the concept directions (non-negative
 * concept activation vectors); the paper fits them per class, which {@link #fit(LayeredModel, IceConfig, INDArray,
 * int[], int)} does on one class's images.
 *
 * <p><b>Explaining</b> ({@link #explain}): for each input, the layer's rows are scored against the fixed P by
 * non-negative least squares (the "invertible" step: S = argmin_{S≥0} ‖V − S·P‖), giving concept maps
 * (N × K × h × w), their bilinear upsampling to the input (heatmaps), the concept scores (spatial means) and the
 * directional derivative of the target's score along each concept direction added at every position
 * (Σ_{c,y,x} ∂y/∂A[c,y,x]·P[k,c], whose sign over a class's images gives the TCAV score of an ICE concept).
 *
 * <p>Cost per explained batch: one forward for the target, one backward to the layer, K×K NNLS per spatial
 * position. Differences from the paper's code: NMF is scikit-learn's coordinate-descent solver (the paper uses
 * scikit-learn's NMF too) with NNDSVD initialisation instead of its default; the reconstruction used for fidelity
 * ({@link IceFidelity}) scores the explained data by NNLS instead of re-running NMF.
 */
public final class Ice implements Explainer<INDArray, IceExplanation> {
    /** The method's name. */
    public static final String NAME = "ice";

    private final LayeredModel model;
    private final IceConcepts concepts;
    private final IceConfig config;
    private final MethodDescriptor descriptor;

    /**
     * An explainer scoring inputs against fitted {@code concepts} at their layer of {@code model}.
     *
     * @param model the model the concepts were fitted on (or one with the same layer)
     * @param concepts the fitted concepts
     */
    public Ice(LayeredModel model, IceConcepts concepts) {
        if (model == null) {
            throw new InvalidConfigException("ICE needs a model but got null");
        }
        if (concepts == null) {
            throw new InvalidConfigException("ICE needs fitted concepts (Ice.fit) but got null");
        }
        this.model = model;
        this.concepts = concepts;
        this.config = concepts.config();
        this.descriptor = descriptor(config);
    }

    /** The same fitted directions read at another layer name (for the contract's misspelt-layer check). */
    Ice atLayer(String layer) {
        return new Ice(model, concepts, config.withLayer(layer));
    }

    private Ice(LayeredModel model, IceConcepts concepts, IceConfig config) {
        this.model = model;
        this.concepts = concepts;
        this.config = config;
        this.descriptor = descriptor(config);
    }

    private static MethodDescriptor descriptor(IceConfig config) {
        return MethodDescriptor.of(NAME, config, Capability.LAYERS, Capability.GRADIENTS);
    }

    /**
     * The fitted concepts.
     *
     * @return the concepts given to the constructor
     */
    public IceConcepts concepts() {
        return concepts;
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Fits concepts at {@code config.layer()} on all of {@code images}.
     *
     * @param model the model
     * @param config the layer, NMF settings and batch policy; the layer is required
     * @param images N×C×H×W images (not modified)
     * @return the K concept directions and the fit's statistics
     */
    public static IceConcepts fit(LayeredModel model, IceConfig config, INDArray images) {
        requireModel(model);
        String layer = requireConfig(config);
        return fit(model, config, LayerMatrix.of(model, layer, images, config.batch().maxRows()), null);
    }

    /**
     * Fits concepts on the images of one class ({@code labels[i] == classIndex}), as the paper does per class.
     *
     * @param model the model
     * @param config the layer, NMF settings and batch policy; the layer is required
     * @param images N×C×H×W images (not modified)
     * @param labels the class of each image
     * @param classIndex the class whose images are used
     * @return the K concept directions of that class
     */
    public static IceConcepts fit(LayeredModel model, IceConfig config, INDArray images, int[] labels, int classIndex) {
        requireModel(model);
        String layer = requireConfig(config);
        ModelCalls.requireInput(model, images, "images");
        if (labels == null || labels.length != images.size(0)) {
            throw new InvalidShapeException("labels: expected one label per image (" + images.size(0) + ") but got "
                    + (labels == null ? "null" : labels.length));
        }
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == classIndex) {
                rows.add((long) i);
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidConfigException("classIndex: no image has label " + classIndex + " among " + labels.length);
        }
        INDArray subset = images.get(NDArrayIndex.indices(rows.stream().mapToLong(Long::longValue).toArray()));
        return fit(model, config, LayerMatrix.of(model, layer, subset, config.batch().maxRows()), classIndex);
    }

    /**
     * Fits concepts on activations already collected (reuse one {@link LayerMatrix} for several K).
     *
     * @param model the model the activations came from
     * @param config the NMF settings; its layer must be the matrix's
     * @param v the activations of the layer
     * @param classIndex the class the images belong to, or null for all images
     * @return the K concept directions
     */
    public static IceConcepts fit(LayeredModel model, IceConfig config, LayerMatrix v, Integer classIndex) {
        requireModel(model);
        String layer = requireConfig(config);
        if (!v.layer().equals(layer)) {
            throw new InvalidConfigException("layer: the activations are of layer '" + v.layer() + "' but the config names '"
                    + layer + "'");
        }
        NmfResult r = new Nmf(config.nmf()).fit(v);
        int k = r.components();
        int hw = v.height() * v.width();
        double[] scores = new double[v.images() * k];
        int image = 0;
        for (int b = 0; b < r.blockCount(); b++) {
            double[] s = r.scoreBlock(b);
            int n = s.length / (k * hw);
            for (int i = 0; i < n; i++, image++) {
                for (int q = 0; q < hw; q++) {
                    for (int j = 0; j < k; j++) {
                        scores[image * k + j] += s[(i * hw + q) * k + j];
                    }
                }
                for (int j = 0; j < k; j++) {
                    scores[image * k + j] /= hw;
                }
            }
        }
        Provenance p = Provenance.of(descriptor(config), model,
                classIndex == null ? "all images" : "class " + classIndex, null, config.nmf().seed());
        return new IceConcepts(config, v.channels(), r, scores, v.images(), classIndex, p);
    }

    private static void requireModel(LayeredModel model) {
        if (model == null) {
            throw new InvalidConfigException("ICE needs a model but got null");
        }
    }

    private static String requireConfig(IceConfig config) {
        if (config == null) {
            throw new InvalidConfigException("ICE needs a config but got null");
        }
        return config.requireLayer();
    }

    /** Rows × 2: one forward of the input (to resolve the target), one pass to the layer and back per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        ModelCalls.requireInput(model, input, "input");
        long rows = input.size(0);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 2L), "",
                "1 forward + 1 layer gradient, × " + rows + " input row" + (rows == 1 ? "" : "s")));
    }

    @Override
    public IceExplanation explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        if (target == null) {
            throw new InvalidTargetException(NAME + " needs a target but got null");
        }
        ModelCalls.requireInput(model, input, "input");
        String layer = config.requireLayer();
        LayerMatrix.requireLayer(model, layer);
        INDArray output = ModelCalls.predict(model, input);
        target.validate(output.shape());
        Target resolved = target.resolve(output);
        int n = (int) input.size(0);
        int k = concepts.count();
        int c = concepts.channels();
        double[] p = concepts.directionValues();
        double l1 = config.nmf().l1();
        double l2 = config.nmf().l2();
        double[] maps = null;
        double[] scores = new double[n * k];
        double[] derivs = new double[n * k];
        int h = -1;
        int w = -1;
        for (Batching.Range r : Batching.ranges(n, config.batch().maxRows())) {
            INDArray xb = input.get(NDArrayIndex.interval(r.from(), r.to()));
            Target rowTargets = resolved.rows(r.from(), r.to());
            LayerPass pass = ModelCalls.layerGradients(model, xb, rowTargets, List.of(layer));
            INDArray a = pass.activation(layer);
            LayerRows.requireImageLayer(a, layer, model.id());
            if (a.size(1) != c) {
                throw new InvalidShapeException("layer '" + layer + "' has " + a.size(1) + " channels but the concepts were"
                        + " fitted on " + c);
            }
            if (maps == null) {
                h = (int) a.size(2);
                w = (int) a.size(3);
                maps = new double[n * k * h * w];
            } else if (a.size(2) != h || a.size(3) != w) {
                throw new InvalidShapeException("layer '" + layer + "' changed its grid between batches");
            }
            int nb = r.size();
            int hw = h * w;
            double[] rows = LayerRows.toRows(HostArrays.doubles(a), nb, c, hw);
            double[] s = Nmf.scoreRows(rows, c, p, k, l1, l2);
            double[] planes = LayerRows.toPlanes(s, nb, k, hw);
            System.arraycopy(planes, 0, maps, r.from() * k * hw, planes.length);
            for (int i = 0; i < nb; i++) {
                for (int j = 0; j < k; j++) {
                    double sum = 0;
                    for (int q = 0; q < hw; q++) {
                        sum += planes[(i * k + j) * hw + q];
                    }
                    scores[(r.from() + i) * k + j] = sum / hw;
                }
            }
            double[] d = Directional.perChannel(HostArrays.doubles(pass.gradient(layer)), nb, c, hw, p, k);
            System.arraycopy(d, 0, derivs, r.from() * k, d.length);
        }
        DataType type = input.dataType().isFPType() ? input.dataType() : DataType.FLOAT;
        INDArray mapArr = HostArrays.array(maps, new long[] {n, k, h, w}, type);
        INDArray heat;
        if (input.rank() == 4) {
            int outH = (int) input.size(2);
            int outW = (int) input.size(3);
            heat = HostArrays.array(Resize.bilinear(maps, n * k, h, w, outH, outW), new long[] {n, k, outH, outW}, type);
        } else {
            heat = mapArr.dup();
        }
        Provenance prov = Provenance.of(descriptor, model, resolved.describe(), null, config.nmf().seed());
        return new IceExplanation(mapArr, heat, HostArrays.array(scores, new long[] {n, k}, type),
                HostArrays.array(derivs, new long[] {n, k}, type), resolved, prov);
    }

    @Override
    public String toString() {
        return NAME + " (" + concepts.count() + " concepts) at " + config.layer() + " of " + model.id();
    }
}
