package org.xai4j.concepts.ice;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.concepts.LayerRows;
import org.xai4j.concepts.nmf.Nmf;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;

/**
 * How much of the model's behaviour the concepts keep (Zhang et al. 2021, section "fidelity"): the layer's
 * activation A is replaced by its reconstruction S·P, S the non-negative least-squares scores of A's rows against
 * the fixed concept directions P, and the rest of the model runs on it ({@link LayeredModel#predictWithEdit}).
 * Reported: the fraction of images whose predicted class is unchanged (agreement), the accuracy of the
 * reconstructed model and of the original one when labels are given, and ‖A − S·P‖_F / ‖A‖_F on these images.
 */
public final class IceFidelity {
    private IceFidelity() {
    }

    /**
     * Fidelity of one set of concepts.
     *
     * @param agreement         fraction of images whose arg-max class is the same with the reconstructed layer
     * @param accuracy          accuracy with the reconstructed layer ({@code NaN} without labels)
     * @param originalAccuracy  accuracy of the unchanged model ({@code NaN} without labels)
     * @param relativeError     ‖A − S·P‖_F / ‖A‖_F over the images
     * @param images            the number of images
     */
    public record Fidelity(double agreement, double accuracy, double originalAccuracy, double relativeError, int images) {
    }

    /** One point of the K curve: the concepts' fitting error and their fidelity on the evaluation images. */
    public record Point(int components, double fitError, Fidelity fidelity) {
    }

    /**
     * The fidelity of {@code concepts} on {@code images} ({@code labels} may be {@code null}).
     *
     * @param model the model
     * @param concepts the fitted concepts
     * @param images N×C×H×W images (not modified)
     * @param labels the class of each image, or null (the accuracies are then NaN)
     * @return the agreement of arg-max classes with the layer replaced by its concept reconstruction, the
     *     accuracies with and without it, and the relative reconstruction error
     */
    public static Fidelity measure(LayeredModel model, IceConcepts concepts, INDArray images, int[] labels) {
        ModelCalls.requireInput(model, images, "images");
        int n = (int) images.size(0);
        if (labels != null && labels.length != n) {
            throw new InvalidShapeException("labels: expected one label per image (" + n + ") but got " + labels.length);
        }
        String layer = concepts.layer();
        LayerMatrix.requireLayer(model, layer);
        int k = concepts.count();
        int c = concepts.channels();
        double[] p = concepts.directionValues();
        double l1 = concepts.config().nmf().l1();
        double l2 = concepts.config().nmf().l2();
        int agree = 0;
        int correct = 0;
        int correctOriginal = 0;
        double[] errSq = new double[1];
        double[] normSq = new double[1];
        for (Batching.Range r : Batching.ranges(n, concepts.config().batch().maxRows())) {
            INDArray xb = images.get(NDArrayIndex.interval(r.from(), r.to()));
            INDArray original = ModelCalls.predict(model, xb);
            INDArray edited = ModelCalls.predictWithEdit(model, xb, layer, a -> {
                LayerRows.requireImageLayer(a, layer, model.id());
                if (a.size(1) != c) {
                    throw new InvalidShapeException("layer '" + layer + "' has " + a.size(1) + " channels but the concepts"
                            + " were fitted on " + c);
                }
                int nb = (int) a.size(0);
                int hw = (int) (a.size(2) * a.size(3));
                double[] rows = LayerRows.toRows(HostArrays.doubles(a), nb, c, hw);
                double[] s = Nmf.scoreRows(rows, c, p, k, l1, l2);
                double[] rec = new double[rows.length];
                for (int i = 0; i < nb * hw; i++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = 0;
                        for (int j = 0; j < k; j++) {
                            v += s[i * k + j] * p[j * c + ch];
                        }
                        rec[i * c + ch] = v;
                        double e = rows[i * c + ch] - v;
                        errSq[0] += e * e;
                        normSq[0] += rows[i * c + ch] * rows[i * c + ch];
                    }
                }
                double[] planes = LayerRows.toPlanes(rec, nb, c, hw);
                return HostArrays.array(planes, a.shape(), a.dataType());
            });
            double[] o = HostArrays.doubles(original);
            double[] e = HostArrays.doubles(edited);
            int classes = (int) original.size(1);
            for (int i = 0; i < r.size(); i++) {
                int po = argmax(o, i * classes, classes);
                int pe = argmax(e, i * classes, classes);
                if (po == pe) {
                    agree++;
                }
                if (labels != null) {
                    int y = labels[r.from() + i];
                    if (pe == y) {
                        correct++;
                    }
                    if (po == y) {
                        correctOriginal++;
                    }
                }
            }
        }
        double nan = Double.NaN;
        return new Fidelity((double) agree / n, labels == null ? nan : (double) correct / n,
                labels == null ? nan : (double) correctOriginal / n,
                normSq[0] == 0 ? 0 : Math.sqrt(errSq[0] / normSq[0]), n);
    }

    /**
     * Fits concepts for every K in {@code components} on {@code fitImages} (activations collected once) and
     * measures each on {@code evalImages}: the curve from which to pick K.
     *
     * @param model the model
     * @param config the layer, NMF settings and batch policy
     * @param fitImages the images the concepts are fitted on
     * @param evalImages the images fidelity is measured on
     * @param labels the class of each evaluation image, or null
     * @param components the values of K to try, each at least 1
     * @return one point per K, in the order of {@code components}
     */
    public static List<Point> curve(LayeredModel model, IceConfig config, INDArray fitImages, INDArray evalImages,
                                    int[] labels, int... components) {
        if (components == null || components.length == 0) {
            throw new InvalidConfigException("components: give at least one K for the fidelity curve");
        }
        LayerMatrix v = LayerMatrix.of(model, config.requireLayer(), fitImages, config.batch().maxRows());
        List<Point> out = new ArrayList<>();
        for (int k : components) {
            IceConcepts concepts = Ice.fit(model, config.withComponents(k), v, null);
            out.add(new Point(k, concepts.relativeError(), measure(model, concepts, evalImages, labels)));
        }
        return out;
    }

    /**
     * The smallest K whose agreement reaches {@code minAgreement}; if none does, the K with the highest agreement
     * (the smallest among ties).
     *
     * @param curve the points of {@link #curve}
     * @param minAgreement the agreement to reach, in [0, 1]
     * @return the chosen K
     * @throws InvalidConfigException if {@code curve} is empty
     */
    public static int chooseComponents(List<Point> curve, double minAgreement) {
        if (curve == null || curve.isEmpty()) {
            throw new InvalidConfigException("curve: no points to choose from");
        }
        List<Point> sorted = new ArrayList<>(curve);
        sorted.sort((a, b) -> Integer.compare(a.components(), b.components()));
        Point best = sorted.get(0);
        for (Point pt : sorted) {
            if (pt.fidelity().agreement() >= minAgreement) {
                return pt.components();
            }
            if (pt.fidelity().agreement() > best.fidelity().agreement()) {
                best = pt;
            }
        }
        return best.components();
    }

    private static int argmax(double[] v, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
