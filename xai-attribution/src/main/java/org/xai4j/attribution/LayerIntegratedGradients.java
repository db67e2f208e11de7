package org.xai4j.attribution;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * Layer Integrated Gradients, Captum's {@code LayerIntegratedGradients}: Integrated Gradients
 * (Sundararajan et al. 2017) in the activation space of a named layer. With a = the layer's activation for
 * the input and a' = for the baseline, LIG = (a − a') ⊙ Σ_s w_s ∂f/∂a evaluated with the layer's output
 * replaced by a' + α_s(a − a') (the rest of the model sees the original input, as in Captum). The
 * convergence delta is Σ LIG − (f(x) − f(x')), as Captum computes it; it tends to 0 when every path from
 * the input to the output goes through the layer.
 *
 * <p>Needs {@link LayeredModel#backwardReplacing}; models without it fail with
 * {@link org.xai4j.core.UnsupportedModelException}. Points are sent in blocks of at most the batch policy's
 * rows, so memory does not grow with the number of steps.
 */
public final class LayerIntegratedGradients implements AttributionMethod {
    /** The method's name in descriptors and provenance. */
    public static final String NAME = "layer-integrated-gradients";

    private final LayeredModel model;
    private final LayerIntegratedGradientsConfig config;
    private final QuadratureRule rule;

    /** Captum's defaults at {@code layer}. */
    public LayerIntegratedGradients(LayeredModel model, String layer) {
        this(model, LayerIntegratedGradientsConfig.at(layer));
    }

    public LayerIntegratedGradients(LayeredModel model, LayerIntegratedGradientsConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        Layers.require(model, config.layer());
        IntegratedGradientsConfig ig = config.integration();
        this.rule = ig.quadrature().rule(ig.steps());
    }

    /** This method's settings. */
    public LayerIntegratedGradientsConfig config() {
        return config;
    }

    @Override
    public LayeredModel model() {
        return model;
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        IntegratedGradientsConfig ig = config.integration();
        Prepared p = Prepared.of(model, input, target, ig.batchPolicy());
        INDArray ref = References.of(ig.baseline(), input, ig.seed());
        Path path = integrate(input, ref, p.resolved());
        int rows = ig.batchPolicy().rowsPerBatch(Rows.bytesPerRow(input));
        INDArray refOut = Batching.map(ref, rows, block -> ModelCalls.predict(model, block));
        INDArray fx = p.resolved().scores(p.output()).castTo(DataType.DOUBLE);
        INDArray fb = p.resolved().scores(refOut).castTo(DataType.DOUBLE);
        INDArray delta = path.averaged.mul(path.diff).sum(1).sub(fx.sub(fb));
        INDArray values = path.values(ig.multiplyByInputs());
        Long seed = ig.baseline().isRandom() ? ig.seed() : null;
        return new Attribution(values, delta, Provenance.of(descriptor(), model.id(), p.resolved().describe(),
                ig.baseline().describe(), seed));
    }

    @Override
    public INDArray attributeChecked(INDArray input, Target resolved) {
        IntegratedGradientsConfig ig = config.integration();
        INDArray ref = References.of(ig.baseline(), input, ig.seed());
        return integrate(input, ref, resolved).values(ig.multiplyByInputs());
    }

    /** The path-averaged layer gradient and a − a' (both N×D double), and the layer's shape and type. */
    private record Path(INDArray averaged, INDArray diff, long[] shape, DataType type) {
        INDArray values(boolean multiply) {
            INDArray v = multiply ? averaged.mul(diff) : averaged;
            return v.reshape(shape).castTo(type);
        }
    }

    private Path integrate(INDArray input, INDArray ref, Target resolved) {
        IntegratedGradientsConfig ig = config.integration();
        String layer = config.layer();
        int n = (int) input.size(0);
        INDArray actX = Layers.activation(model, input, layer, ig.batchPolicy());
        INDArray actB = Layers.activation(model, ref, layer, ig.batchPolicy());
        if (!java.util.Arrays.equals(actX.shape(), actB.shape())) {
            throw new org.xai4j.core.InvalidShapeException("layer '" + layer + "' has shape " + Rows.shape(actX)
                    + " for the input but " + Rows.shape(actB) + " for the baseline");
        }
        INDArray base = Rows.doubleMatrix(actB);
        INDArray diff = Rows.doubleMatrix(actX).subi(base);
        INDArray x2 = Rows.doubleMatrix(input);
        INDArray acc = Nd4j.zeros(DataType.DOUBLE, n, diff.size(1));
        long bytesPerRow = Math.max(Rows.bytesPerRow(input), Rows.bytesPerRow(actX));
        int maxRows = ig.batchPolicy().rowsPerBatch(bytesPerRow);
        for (Blocks.Block block : Blocks.plan(n, rule.size(), maxRows)) {
            int[] rowOf = block.rowOf();
            int[] sampleOf = block.sampleOf();
            int m = rowOf.length;
            double[] alpha = new double[m];
            double[] weight = new double[m];
            for (int j = 0; j < m; j++) {
                alpha[j] = rule.alpha(sampleOf[j]);
                weight[j] = rule.weight(sampleOf[j]);
            }
            INDArray inputs = Rows.pick(x2, rowOf).reshape(Rows.withRows(m, input.shape())).castTo(input.dataType());
            INDArray replaced = Rows.pick(diff, rowOf).muliColumnVector(Rows.column(alpha)).addi(Rows.pick(base, rowOf))
                    .reshape(Rows.withRows(m, actX.shape())).castTo(actX.dataType());
            Target t = resolved.select(rowOf);
            LayerPass pass = Layers.call(model, inputs, () -> model.backwardReplacing(inputs, t, layer, replaced, List.of(layer)));
            INDArray g = Layers.checked(model, inputs, pass.gradient(layer), layer);
            if (g.length() != replaced.length()) {
                throw new org.xai4j.core.XaiException("model " + model.id() + " returned a gradient of shape " + Rows.shape(g)
                        + " at layer '" + layer + "' whose activation has shape " + Rows.shape(replaced));
            }
            INDArray weighted = g.castTo(DataType.DOUBLE).reshape(m, diff.size(1)).mulColumnVector(Rows.column(weight));
            Rows.addInto(acc, weighted, rowOf);
        }
        return new Path(acc, diff, actX.shape(), actX.dataType());
    }

    @Override
    public MethodDescriptor descriptor() {
        Set<Capability> caps = EnumSet.of(Capability.GRADIENTS, Capability.LAYERS, Capability.BASELINE,
                Capability.CONVERGENCE_DELTA);
        if (config.integration().baseline().isRandom()) {
            caps.add(Capability.STOCHASTIC);
        }
        return new MethodDescriptor(NAME, config.toMap(), caps);
    }
}
