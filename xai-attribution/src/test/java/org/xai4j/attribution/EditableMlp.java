package org.xai4j.attribution;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Names;

/**
 * y = W2·relu(W1·x + b1) + b2 in plain Java doubles, with named layers {@code fc1} (before the ReLU),
 * {@code relu} and {@code logits}, and {@link #backwardReplacing}: a test model for layer Integrated
 * Gradients (the testkit's models do not implement the replacement pass). Downstream of {@code relu} the
 * model is linear, so ∂y_k/∂relu = W2[k] whatever the activation.
 */
final class EditableMlp implements LayeredModel {
    static final List<String> LAYERS = List.of("fc1", "relu", "logits");
    private final double[][] w1;
    private final double[] b1;
    private final double[][] w2;
    private final double[] b2;

    EditableMlp(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    double w2(int k, int h) {
        return w2[k][h];
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {w1[0].length});
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    private final class Pass {
        final int n;
        final double[] fc1;
        final double[] relu;
        final double[] logits;

        Pass(INDArray input, String layer, INDArray replacement) {
            int d = w1[0].length;
            int hid = w1.length;
            int k = w2.length;
            if (input.rank() != 2 || input.size(1) != d) {
                throw new InvalidShapeException("EditableMlp expects N×" + d + " but got " + java.util.Arrays.toString(input.shape()));
            }
            n = (int) input.size(0);
            double[] x = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] h = new double[n * hid];
            for (int i = 0; i < n; i++) {
                for (int u = 0; u < hid; u++) {
                    double s = b1[u];
                    for (int j = 0; j < d; j++) {
                        s += w1[u][j] * x[i * d + j];
                    }
                    h[i * hid + u] = s;
                }
            }
            fc1 = "fc1".equals(layer) ? replaced(replacement, n * hid) : h;
            double[] r = new double[n * hid];
            for (int j = 0; j < r.length; j++) {
                r[j] = Math.max(0, fc1[j]);
            }
            relu = "relu".equals(layer) ? replaced(replacement, n * hid) : r;
            logits = new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    double s = b2[c];
                    for (int u = 0; u < hid; u++) {
                        s += w2[c][u] * relu[i * hid + u];
                    }
                    logits[i * k + c] = s;
                }
            }
        }

        private double[] replaced(INDArray a, int length) {
            if (a.length() != length) {
                throw new InvalidShapeException("replacement has " + a.length() + " values but the layer has " + length);
            }
            return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }

        INDArray stage(String l, DataType t) {
            return switch (l) {
                case "fc1" -> Nd4j.create(fc1, new long[] {n, w1.length}, DataType.DOUBLE).castTo(t);
                case "relu" -> Nd4j.create(relu, new long[] {n, w1.length}, DataType.DOUBLE).castTo(t);
                default -> Nd4j.create(logits, new long[] {n, w2.length}, DataType.DOUBLE).castTo(t);
            };
        }
    }

    private void require(Collection<String> layers) {
        for (String l : layers) {
            if (!LAYERS.contains(l)) {
                throw new UnknownLayerException(l, Names.closest(l, LAYERS, 5));
            }
        }
    }

    @Override
    public INDArray predict(INDArray input) {
        return new Pass(input, null, null).stage("logits", input.dataType());
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        LayerPass p = backward(input, target, List.of());
        return new Gradients(p.output(), p.inputGradient());
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        require(layers);
        Pass p = new Pass(input, null, null);
        Map<String, INDArray> acts = new HashMap<>();
        layers.forEach(l -> acts.put(l, p.stage(l, input.dataType())));
        return new LayerPass(p.stage("logits", input.dataType()), null, acts, Map.of());
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        return run(input, target, null, null, layers, true);
    }

    @Override
    public LayerPass backwardReplacing(INDArray input, Target target, String layer, INDArray activation,
                                       Collection<String> layers) {
        require(List.of(layer));
        if ("logits".equals(layer)) {
            throw new UnsupportedOperationException("this test model replaces fc1 or relu only");
        }
        return run(input, target, layer, activation, layers, false);
    }

    private LayerPass run(INDArray input, Target target, String layer, INDArray replacement, Collection<String> layers,
                          boolean withInput) {
        require(layers);
        DataType t = input.dataType();
        Pass p = new Pass(input, layer, replacement);
        INDArray out = p.stage("logits", t);
        double[] seed = target.seed(out).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int hid = w1.length;
        int k = w2.length;
        int d = w1[0].length;
        double[] dRelu = new double[p.n * hid];
        double[] dFc1 = new double[p.n * hid];
        for (int i = 0; i < p.n; i++) {
            for (int u = 0; u < hid; u++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += seed[i * k + c] * w2[c][u];
                }
                dRelu[i * hid + u] = s;
                // Replacing relu cuts it from fc1: nothing flows further back.
                dFc1[i * hid + u] = "relu".equals(layer) ? 0 : p.fc1[i * hid + u] > 0 ? s : 0;
            }
        }
        double[] dx = new double[p.n * d];
        for (int i = 0; i < p.n; i++) {
            for (int u = 0; u < hid; u++) {
                double g = dFc1[i * hid + u];
                for (int j = 0; j < d; j++) {
                    dx[i * d + j] += g * w1[u][j];
                }
            }
        }
        Map<String, double[]> grads = Map.of("fc1", dFc1, "relu", dRelu, "logits", seed);
        Map<String, INDArray> acts = new HashMap<>();
        Map<String, INDArray> gs = new HashMap<>();
        for (String l : layers) {
            acts.put(l, p.stage(l, t));
            long[] shape = "logits".equals(l) ? new long[] {p.n, k} : new long[] {p.n, hid};
            gs.put(l, Nd4j.create(grads.get(l), shape, DataType.DOUBLE).castTo(t));
        }
        INDArray inputGradient = withInput && layer == null ? Nd4j.create(dx, input.shape(), DataType.DOUBLE).castTo(t) : null;
        return new LayerPass(out, inputGradient, acts, gs);
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        require(List.of(layer));
        INDArray a = new Pass(input, null, null).stage(layer, input.dataType());
        return new Pass(input, layer, edit.apply(a)).stage("logits", input.dataType());
    }

    @Override
    public String id() {
        return "test-editable-mlp-" + w1[0].length + "-" + w1.length + "-" + w2.length;
    }
}
