package org.xai4j.cam;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.model.ModelCalls;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.attribution.gradient.ModifiedReluConfig;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/**
 * Guided Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", ICCV 2017), as Captum's {@code GuidedGradCam}: the element-wise product of
 * {@link GuidedBackprop guided backpropagation} (N×C×H×W) with the layer's Grad-CAM map — ReLU of the
 * gradient-weighted channel sum, not normalised ({@link GradCam} with ReLU on, normalisation off, at layer
 * resolution) — resized to the input's H×W and broadcast over the input channels.
 *
 * <p>The target is resolved once (by the Grad-CAM pass, on the original input) and the same classes are used
 * by the guided pass. Cost: two forward and two backward passes. The result is an {@link Attribution} with the
 * input's shape and no convergence delta.
 */
public final class GuidedGradCam implements Explainer<INDArray, Attribution> {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "guided-gradcam";

    private final Graph model;
    private final GuidedGradCamConfig config;
    private final GradCam gradCam;
    private final GuidedBackprop guided;

    /**
     * Guided Grad-CAM over {@code model}: the Grad-CAM map at {@code config.layer()} (ReLU on, not normalised, on the
     * layer's grid) resized to the input and multiplied by the guided-backpropagation attribution.
     *
     * @param model the graph, which guided backpropagation needs for its modified ReLU backward pass
     * @param config the layer, interpolation and batch size
     * @throws InvalidConfigException if {@code model} or {@code config} is null
     */
    public GuidedGradCam(Graph model, GuidedGradCamConfig config) {
        if (model == null) {
            throw new InvalidConfigException(NAME + " needs a model but got null");
        }
        if (config == null) {
            throw new InvalidConfigException(NAME + " needs a config but got null");
        }
        this.model = model;
        this.config = config;
        this.gradCam = new GradCam(model, CamConfig.of(config.layer()).withRelu(true).withNormalize(false)
                .withResolution(Resolution.LAYER));
        this.guided = new GuidedBackprop(model, ModifiedReluConfig.DEFAULTS.withBatch(config.batch()));
    }

    /**
     * This method's settings.
     *
     * @return the settings given to the constructor
     */
    public GuidedGradCamConfig config() {
        return config;
    }

    /** Rows × 2: one Grad-CAM pass to the layer and back, then one guided-backpropagation pass per row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        ModelCalls.requireInput(model, input, "input");
        long rows = input.size(0);
        return Optional.of(new Plan(NAME, Math.multiplyExact(rows, 2L), "",
                "1 Grad-CAM pass + 1 guided backward, × " + rows + " input row" + (rows == 1 ? "" : "s")));
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        if (input != null && input.rank() != 4) {
            throw new InvalidShapeException("input: guided Grad-CAM needs an image batch of rank 4 (N×C×H×W) but got rank "
                    + input.rank() + ", shape " + Arrays.toString(input.shape()));
        }
        Limits.start(plan(input, target).orElseThrow());
        CamMap cam = gradCam.explainWithinPlan(input, target);
        Target resolved = cam.target();
        INDArray g = guided.attributeChecked(input, resolved);
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        INDArray map = cam.map();
        int mh = (int) map.size(1);
        int mw = (int) map.size(2);
        double[] m = HostArrays.doubles(map);
        double[] up = config.interpolation() == GuidedGradCamConfig.Interpolation.NEAREST
                ? nearest(m, n, mh, mw, h, w)
                : Bilinear.resize(m, n, mh, mw, h, w, Upsampling.HALF_PIXEL);
        double[] v = HostArrays.doubles(g);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    v[base + p] *= up[i * plane + p];
                }
            }
        }
        INDArray values = HostArrays.array(v, input.shape(), input.dataType().isFPType() ? input.dataType() : g.dataType());
        return new Attribution(values, null, Provenance.of(descriptor(), model, resolved.describe(), null, null));
    }

    /** Nearest-neighbour resizing of {@code planes} h×w planes: destination d takes source ⌊d·in/out⌋. */
    static double[] nearest(double[] src, int planes, int h, int w, int outH, int outW) {
        double[] out = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < outH; y++) {
                int sy = (int) Math.min((long) y * h / outH, h - 1);
                for (int x = 0; x < outW; x++) {
                    int sx = (int) Math.min((long) x * w / outW, w - 1);
                    out[(p * outH + y) * outW + x] = src[(p * h + sy) * w + sx];
                }
            }
        }
        return out;
    }

    @Override
    public MethodDescriptor descriptor() {
        return MethodDescriptor.of(NAME, config, Capability.LAYERS, Capability.GRADIENTS, Capability.BACKWARD_RULES);
    }

    @Override
    public String toString() {
        return NAME + " at " + config.layer() + " of " + model.id();
    }
}
