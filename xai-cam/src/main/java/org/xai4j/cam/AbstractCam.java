package org.xai4j.cam;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.Provenance;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.MaskTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Names;

/**
 * The shared core of the CAM family (the design of pytorch-grad-cam's {@code BaseCAM}): a method only says
 * how to weight a layer's activations ({@link #weightedActivations}); this class does everything else.
 *
 * <p>For every target layer ℓ, with activation A (N×C×h×w) and, for gradient-based methods, the gradient G
 * of each row's target score with respect to A:
 * <ol>
 *   <li>X = the method's weighted activations (for channel-weight methods {@code w[n,c]·A[n,c]});</li>
 *   <li>the raw map is Σ_c X, or with eigen-smoothing X's projection on its first principal component
 *       ({@link CamConfig#eigenSmooth()});</li>
 *   <li>if {@link CamConfig#relu()}: max(map, 0);</li>
 *   <li>if {@link CamConfig#normalize()}: per image (map − min) / (max − min + 10⁻⁷);</li>
 *   <li>if {@link CamConfig#resolution()} is {@link Resolution#INPUT}: bilinear resize to the input's H×W
 *       ({@link CamConfig#upsampling()}).</li>
 * </ol>
 * The result is the mean of the per-layer maps, normalised again per image if {@link CamConfig#normalize()}
 * (pytorch-grad-cam's {@code aggregate_multi_layers}; its second ReLU changes nothing because the per-layer
 * maps are already non-negative when ReLU is on). With one layer, ReLU and normalisation off and
 * {@link Resolution#LAYER}, Grad-CAM's map is Captum's {@code LayerGradCam}.
 *
 * <p>With {@link CamConfig#augSmooth()} the whole pipeline runs on six augmented inputs (horizontal flip or
 * not × scaled by 0.9, 1.0, 1.1); each map of a flipped input is flipped back and the six are averaged. The
 * target is resolved once on the original input ("predicted" means the original prediction), and a
 * {@link MaskTarget}'s mask is flipped with the input.
 *
 * <p>Validation before any result: the input (shape, NaN), the layer names ({@link UnknownLayerException}
 * with close matches), the target against the output ({@link InvalidTargetException}), and every layer's
 * activation must be N×C×h×w ({@link InvalidShapeException}).
 */
public abstract class AbstractCam implements Explainer<INDArray, CamMap> {
    /** The explained model. */
    protected final LayeredModel model;
    /** The settings. */
    protected final CamConfig config;
    private final MethodDescriptor descriptor;

    /**
     * @param name         the method's kebab-case name, recorded in provenance
     * @param model        the model
     * @param config       the settings
     * @param capabilities what the method needs
     */
    protected AbstractCam(String name, LayeredModel model, CamConfig config, Capability... capabilities) {
        if (model == null) {
            throw new InvalidConfigException(name + " needs a model but got null");
        }
        if (config == null) {
            throw new InvalidConfigException(name + " needs a config but got null");
        }
        this.model = model;
        this.config = config.layers().isEmpty() ? config.withLayers(CamLayers.lastSpatial(model)) : config;
        this.descriptor = MethodDescriptor.of(name, this.config, capabilities);
    }

    /**
     * Whether {@link LayerActivations#gradient()} is needed (one backward pass instead of a forward pass): by
     * default, whether the method declared {@link Capability#GRADIENTS}, so a method states it once.
     *
     * @return true for methods weighting by the target's gradient (Grad-CAM and its variants), false for forward-only
     *     methods (Score-CAM, Ablation-CAM, Eigen-CAM)
     */
    protected boolean usesGradients() {
        return descriptor.has(Capability.GRADIENTS);
    }

    /**
     * The method's weighting: an N×C×h×w array (flat, row-major) whose channel sum is the raw map.
     *
     * @param context the input, the resolved target and the model output
     * @param layer   the layer's activation (and gradient)
     * @return a new flat array of N·C·h·w doubles, row-major
     */
    protected abstract double[] weightedActivations(CamContext context, LayerActivations layer);

    /**
     * The raw map without eigen-smoothing: the sum over channels of {@link #weightedActivations}, N×h×w flat.
     * A method that can form the sum without the N×C×h×w array overrides this with the same values.
     *
     * @param context the input, the resolved target and the model output
     * @param layer   the layer's activation (and gradient)
     * @return a new flat array of N·h·w doubles, row-major
     */
    protected double[] weightedChannelSum(CamContext context, LayerActivations layer) {
        return MapOps.channelSum(weightedActivations(context, layer), layer.rows(), layer.channels(), layer.plane());
    }

    /**
     * Whether the raw map is always the first-principal-component projection (Eigen-CAM).
     *
     * @return true only for Eigen-CAM; false by default
     */
    protected boolean alwaysProjects() {
        return false;
    }

    /**
     * The model passes the method's weighting will make for this layer beyond the layer pass every CAM makes
     * (Score-CAM: one masked input per non-constant channel and row; Ablation-CAM: one ablation per channel and
     * row), known only once the layer's activation is: they are checked against the budget after the first
     * pass and before any of them ({@link Limits#extend}). 0 for the methods whose plan is known beforehand.
     *
     * @param context the input, the resolved target and the model output
     * @param layer   the layer's activation (and gradient)
     * @return the number of further model passes, at least 0
     */
    protected long passesAfterLayerPass(CamContext context, LayerActivations layer) {
        return 0;
    }

    /**
     * Whether {@link #passesAfterLayerPass} can be above 0 (then {@link #plan} is empty: known after the first pass).
     *
     * @return true when the cost is known only after the layer pass; false by default
     */
    protected boolean costKnownAfterLayerPass() {
        return false;
    }

    /**
     * Whether the method needs an image input N×C×H×W whatever the resolution (Score-CAM's masks).
     *
     * @return true for methods that mask the input (Score-CAM); false by default
     */
    protected boolean needsImageInput() {
        return false;
    }

    @Override
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The settings.
     *
     * @return the settings, with the chosen layer filled in where the caller named none
     */
    public CamConfig config() {
        return config;
    }

    /**
     * Rows × 1, one pass to the layers (and back, for gradient methods) for all rows; with augmentation
     * smoothing rows × 7: one forward of the input (to resolve the target) and one pass per augmented copy.
     * Empty for Score-CAM and Ablation-CAM, whose count depends on the layer's channels: they state it after
     * the first pass and check it against the budget then, before the masked or ablated passes.
     */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        return costKnownAfterLayerPass() ? Optional.empty() : Optional.of(layerPasses(input));
    }

    /** The passes every CAM makes: one layer pass per row, or 1 + 6 with augmentation smoothing. */
    private Plan layerPasses(INDArray input) {
        ModelCalls.requireInput(model, input, "input");
        long rows = input.size(0);
        String times = ", × " + rows + " input row" + (rows == 1 ? "" : "s");
        return config.augSmooth()
                ? new Plan(descriptor.name(), Math.multiplyExact(rows, 7L), "aug-smooth",
                        "1 forward + 6 augmented layer passes" + times)
                : new Plan(descriptor.name(), rows, "", "1 layer pass" + times);
    }

    @Override
    public final CamMap explain(INDArray input, Target target) {
        if (target == null) {
            throw new InvalidTargetException(descriptor.name() + " needs a target but got null");
        }
        Limits.start(layerPasses(input));
        return explainWithinPlan(input, target);
    }

    /** {@link #explain} under a plan the caller has started (a method that wraps this one, e.g. guided Grad-CAM). */
    final CamMap explainWithinPlan(INDArray input, Target target) {
        if (target == null) {
            throw new InvalidTargetException(descriptor.name() + " needs a target but got null");
        }
        ModelCalls.requireInput(model, input, "input");
        String why = needsImageInput() ? descriptor.name() + "'s input masks"
                : config.augSmooth() ? "augmentation smoothing"
                : config.resolution() == Resolution.INPUT ? "resizing maps to the input" : null;
        if (why != null && input.rank() != 4) {
            throw new InvalidShapeException("input: " + why + " needs an image batch of rank 4 (N×C×H×W) but got rank "
                    + input.rank() + ", shape " + Arrays.toString(input.shape()));
        }
        requireKnownLayers();
        Run run = config.augSmooth() ? augmented(input, target) : run(input, target);
        for (int l = 0; l < run.layerMaps.size(); l++) {
            requireFinite(run.layerMaps.get(l), config.layers().get(l));
        }
        requireFinite(run.map, String.join(",", config.layers()));
        int n = (int) input.size(0);
        DataType type = input.dataType().isFPType() ? input.dataType() : DataType.FLOAT;
        Map<String, INDArray> layerMaps = new LinkedHashMap<>();
        for (int l = 0; l < run.layerMaps.size(); l++) {
            layerMaps.put(config.layers().get(l), array(run.layerMaps.get(l), n, run.heights[l], run.widths[l], type));
        }
        INDArray map = array(run.map, n, run.height, run.width, type);
        Provenance provenance = Provenance.of(descriptor, model, run.target.describe(), null, null);
        return new CamMap(map, config.layers(), layerMaps, run.target, provenance, false);
    }

    private void requireKnownLayers() {
        List<String> names = model.layerNames();
        for (String l : config.layers()) {
            if (!names.contains(l)) {
                throw new UnknownLayerException(l, Names.closest(l, names, 5));
            }
        }
    }

    private void requireFinite(double[] map, String layers) {
        for (double v : map) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteValueException(descriptor.name() + " produced a map holding " + v + " at layer(s) "
                        + layers + " of model " + model.id());
            }
        }
    }

    private static INDArray array(double[] v, int n, int h, int w, DataType type) {
        return HostArrays.array(v, new long[] {n, h, w}, type);
    }

    /** The maps of one pipeline run: per layer and aggregated, flat N×h×w. */
    private record Run(Target target, List<double[]> layerMaps, int[] heights, int[] widths, double[] map, int height,
                       int width) {
        Run flipped() {
            List<double[]> lm = new ArrayList<>();
            for (int l = 0; l < layerMaps.size(); l++) {
                lm.add(MapOps.flipWidth(layerMaps.get(l), widths[l]));
            }
            return new Run(target, lm, heights, widths, MapOps.flipWidth(map, width), height, width);
        }

        void addTo(Run sum, double scale) {
            for (int l = 0; l < layerMaps.size(); l++) {
                add(sum.layerMaps.get(l), layerMaps.get(l), scale);
            }
            add(sum.map, map, scale);
        }

        private static void add(double[] acc, double[] v, double scale) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += scale * v[i];
            }
        }

        Run zeros(Target t) {
            List<double[]> lm = new ArrayList<>();
            for (double[] m : layerMaps) {
                lm.add(new double[m.length]);
            }
            return new Run(t, lm, heights, widths, new double[map.length], height, width);
        }
    }

    private Run augmented(INDArray input, Target target) {
        Target resolved = target.resolve(ModelCalls.predict(model, input));
        double[] factors = {0.9, 1.0, 1.1};
        Run sum = null;
        for (boolean flip : new boolean[] {false, true}) {
            for (double f : factors) {
                INDArray x = input.mul(f);
                Target t = resolved;
                if (flip) {
                    x = flipWidth(x);
                    t = flipWidth(resolved);
                }
                Run r = run(x, t);
                if (flip) {
                    r = r.flipped();
                }
                if (sum == null) {
                    sum = r.zeros(resolved);
                }
                r.addTo(sum, 1.0 / (2 * factors.length));
            }
        }
        return sum;
    }

    private static INDArray flipWidth(INDArray a) {
        long[] shape = a.shape();
        double[] f = MapOps.flipWidth(HostArrays.doubles(a), (int) shape[shape.length - 1]);
        return HostArrays.array(f, shape, a.dataType());
    }

    private static Target flipWidth(Target t) {
        if (t instanceof MaskTarget m) {
            return Target.classOverMask(m.classIndex(), flipWidth(m.mask()));
        }
        return t;
    }

    private Run run(INDArray x, Target target) {
        LayerPass pass = pass(x, target);
        int n = (int) x.size(0);
        INDArray output = pass.output();
        if (output == null || output.rank() == 0 || output.size(0) != n) {
            throw new XaiException("model " + model.id() + " returned " + (output == null ? "no output"
                    : "an output of shape " + Arrays.toString(output.shape())) + " for a batch of " + n + " rows");
        }
        Target resolved = target.resolve(output);
        CamContext context = new CamContext(x, resolved, output);
        List<String> layers = config.layers();
        List<double[]> maps = new ArrayList<>();
        int[] heights = new int[layers.size()];
        int[] widths = new int[layers.size()];
        List<LayerActivations> read = new ArrayList<>();
        long extra = 0;
        for (String layer : layers) {
            LayerActivations la = read(pass, layer, n);
            read.add(la);
            extra = Math.addExact(extra, passesAfterLayerPass(context, la));
        }
        if (extra > 0) {
            Limits.extend(new Plan(descriptor.name(), extra, "the channels (choose a --layer with fewer)", extraWords(read, extra)));
        }
        for (int l = 0; l < layers.size(); l++) {
            LayerActivations la = read.get(l);
            int plane = la.plane();
            double[] m = config.eigenSmooth() || alwaysProjects()
                    ? EigenProjection.project(weightedActivations(context, la), n, la.channels(), plane)
                    : weightedChannelSum(context, la);
            if (config.relu()) {
                MapOps.relu(m);
            }
            if (config.normalize()) {
                MapOps.normalize(m, n, plane);
            }
            int h = la.height();
            int w = la.width();
            if (config.resolution() == Resolution.INPUT) {
                h = (int) x.size(2);
                w = (int) x.size(3);
                m = Bilinear.resize(m, n, la.height(), la.width(), h, w, config.upsampling());
            }
            maps.add(m);
            heights[l] = h;
            widths[l] = w;
        }
        for (int l = 1; l < layers.size(); l++) {
            if (heights[l] != heights[0] || widths[l] != widths[0]) {
                throw new InvalidShapeException("layers '" + layers.get(0) + "' (" + heights[0] + "×" + widths[0]
                        + ") and '" + layers.get(l) + "' (" + heights[l] + "×" + widths[l] + ") have different sizes;"
                        + " aggregate them at Resolution.INPUT");
            }
        }
        double[] mean = new double[maps.get(0).length];
        for (double[] m : maps) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += m[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= maps.size();
        }
        if (config.normalize()) {
            MapOps.normalize(mean, n, heights[0] * widths[0]);
        }
        return new Run(resolved, maps, heights, widths, mean, heights[0], widths[0]);
    }

    private String extraWords(List<LayerActivations> layers, long extra) {
        StringBuilder sb = new StringBuilder();
        for (LayerActivations la : layers) {
            sb.append(sb.length() == 0 ? "" : ", ").append("layer '").append(la.layer()).append("' has ")
                    .append(la.channels()).append(" channels");
        }
        return extra + " masked or ablated inputs after the first pass (" + sb + ", × " + layers.get(0).rows()
                + " rows)";
    }

    private LayerPass pass(INDArray x, Target target) {
        return usesGradients() ? ModelCalls.layerGradients(model, x, target, config.layers())
                : ModelCalls.forward(model, x, config.layers());
    }

    private LayerActivations read(LayerPass pass, String layer, int n) {
        INDArray a = pass.activations().get(layer);
        if (a == null) {
            throw new XaiException("model " + model.id() + " returned no activation for layer '" + layer + "'");
        }
        if (a.rank() != 4) {
            throw new InvalidShapeException("layer '" + layer + "' of model " + model.id() + " outputs shape "
                    + Arrays.toString(a.shape()) + ", but a CAM needs an N×C×H×W activation (rank 4);"
                    + " choose a convolutional layer");
        }
        if (a.size(0) != n) {
            throw new XaiException("layer '" + layer + "' of model " + model.id() + " has " + a.size(0)
                    + " rows for a batch of " + n);
        }
        double[] g = null;
        if (usesGradients()) {
            INDArray grad = pass.gradients().get(layer);
            if (grad == null || !Arrays.equals(grad.shape(), a.shape())) {
                throw new XaiException("model " + model.id() + " returned " + (grad == null ? "no gradient"
                        : "a gradient of shape " + Arrays.toString(grad.shape())) + " for layer '" + layer
                        + "' whose activation has shape " + Arrays.toString(a.shape()));
            }
            g = HostArrays.doubles(grad);
        }
        return new LayerActivations(layer, n, (int) a.size(1), (int) a.size(2), (int) a.size(3), HostArrays.doubles(a), g);
    }

    @Override
    public String toString() {
        return descriptor.name() + " at " + config.layers() + " of " + model.id();
    }
}
