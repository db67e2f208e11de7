package org.xai4j.concepts.tcav;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Names;

/**
 * A test model with a known layer gradient: layer {@code h} is the input itself (N × D), the output is
 * y_k = Σ_j W[k][j]·tanh(h_j), so ∂y_k/∂h_j = W[k][j]·(1 − tanh²(h_j)). Plain loops in double precision.
 */
final class TanhHeadModel implements LayeredModel {
    static final List<String> LAYERS = List.of("h", "logits");
    final double[][] w;
    final int d;

    TanhHeadModel(double[][] w) {
        this.w = w;
        this.d = w[0].length;
    }

    /** The closed form of the layer gradient of class k at row x. */
    double[] gradient(double[] x, int k) {
        double[] g = new double[d];
        for (int j = 0; j < d; j++) {
            double t = Math.tanh(x[j]);
            g[j] = w[k][j] * (1 - t * t);
        }
        return g;
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {d});
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    private double[] logits(double[] x, int n) {
        double[] out = new double[n * w.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w.length; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += w[k][j] * Math.tanh(x[i * d + j]);
                }
                out[i * w.length + k] = s;
            }
        }
        return out;
    }

    @Override
    public INDArray predict(INDArray input) {
        int n = (int) input.size(0);
        return HostArrays.array(logits(HostArrays.doubles(input), n), new long[] {n, w.length}, input.dataType());
    }

    private void check(Collection<String> layers) {
        for (String l : layers) {
            if (!LAYERS.contains(l)) {
                throw new UnknownLayerException(l, Names.closest(l, LAYERS, 5));
            }
        }
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        check(layers);
        INDArray out = predict(input);
        Map<String, INDArray> acts = new HashMap<>();
        for (String l : layers) {
            acts.put(l, l.equals("h") ? input.dup() : out.dup());
        }
        return new LayerPass(out, null, acts, Map.of());
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        check(layers);
        int n = (int) input.size(0);
        double[] x = HostArrays.doubles(input);
        INDArray out = predict(input);
        double[] seed = HostArrays.doubles(target.seed(out));
        double[] gh = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = Math.tanh(x[i * d + j]);
                double s = 0;
                for (int k = 0; k < w.length; k++) {
                    s += seed[i * w.length + k] * w[k][j];
                }
                gh[i * d + j] = s * (1 - t * t);
            }
        }
        INDArray g = HostArrays.array(gh, new long[] {n, d}, input.dataType());
        Map<String, INDArray> acts = new HashMap<>();
        Map<String, INDArray> grads = new HashMap<>();
        for (String l : layers) {
            acts.put(l, l.equals("h") ? input.dup() : out.dup());
            grads.put(l, l.equals("h") ? g : HostArrays.array(seed, new long[] {n, w.length}, input.dataType()));
        }
        return new LayerPass(out, g.dup(), acts, grads);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        LayerPass p = backward(input, target, List.of());
        return new Gradients(p.output(), p.inputGradient());
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        check(List.of(layer));
        if (layer.equals("h")) {
            return predict(edit.apply(input.dup()));
        }
        return edit.apply(predict(input));
    }

    @Override
    public String id() {
        return "tanh-head-" + d + "x" + w.length;
    }

    static INDArray gaussian(long seed, int n, int d, double[] shift, double amount) {
        org.xai4j.core.util.Rng r = org.xai4j.core.util.Rng.seeded(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = r.nextGaussian() + (shift == null ? 0 : amount * shift[j]);
            }
        }
        return Nd4j.create(v, new long[] {n, d}, DataType.DOUBLE);
    }
}
