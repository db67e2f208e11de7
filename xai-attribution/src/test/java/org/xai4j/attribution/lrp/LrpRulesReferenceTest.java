package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.Rng;

/**
 * Every LRP rule against {@link LiteralLrp}, its formula written as float64 loops over explicit connections, on a
 * dense layer and on convolutions (stride 1 and 2, zero padding), to 1e-10; and conservation per layer where the
 * rule conserves, to 1e-6.
 */
class LrpRulesReferenceTest {
    static INDArray uniform(long seed, double scale, long... shape) {
        return Rng.seeded(seed).uniform(DataType.DOUBLE, -scale, scale, shape);
    }

    /** A layer under test: the node, its literal twin, an input batch and an output relevance. */
    record Layer(String name, LinearNode node, LiteralLrp literal, INDArray x, INDArray r) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Layer dense(boolean bias) {
        INDArray w = uniform(1, 1, 4, 6);
        INDArray b = bias ? uniform(2, 0.3, 4) : null;
        GemmNode node = new GemmNode("fc", "x", "y", w, b);
        LiteralLrp lit = LiteralLrp.dense(w.dup().data().asDouble(), b == null ? null : b.dup().data().asDouble(), 4, 6);
        return new Layer("dense" + (bias ? "" : " without bias"), node, lit, uniform(3, 1, 3, 6), uniform(4, 1, 3, 4));
    }

    static Layer conv(boolean bias, int stride) {
        return conv(bias, stride, 1);
    }

    static Layer conv(boolean bias, int stride, int pad) {
        INDArray w = uniform(5, 0.6, 3, 2, 3, 3);
        INDArray b = bias ? uniform(6, 0.2, 3) : null;
        ConvNode node = ConvNode.builder("conv").input("x").output("y").weight(w).bias(b).pads(pad).strides(stride, stride)
                .build();
        LiteralLrp lit = LiteralLrp.conv(w.dup().data().asDouble(), b == null ? null : b.dup().data().asDouble(), 3, 2, 3,
                5, 5, stride, pad);
        int o = (5 + 2 * pad - 3) / stride + 1;
        return new Layer("conv stride " + stride + " pad " + pad + (bias ? "" : " without bias"), node, lit, uniform(7, 1, 2, 2, 5, 5),
                uniform(8, 1, 2, 3, o, o));
    }

    /** The same layer on a non-negative input (post-ReLU activations; the rules' x⁻ = 0 shortcut). */
    static Layer nonNegative(Layer l) {
        return new Layer(l.name() + ", x ≥ 0", l.node(), l.literal(),
                org.nd4j.linalg.ops.transforms.Transforms.relu(l.x(), true), l.r());
    }

    static Stream<Layer> layers() {
        return Stream.of(dense(true), dense(false), conv(true, 1), conv(false, 1), conv(true, 2), conv(false, 2),
                nonNegative(dense(true)), nonNegative(conv(true, 1)), nonNegative(conv(true, 2)));
    }

    static INDArray apply(BackwardRule rule, Layer l) {
        INDArray y = l.node().forward(l.x());
        return rule.backward(BackwardContext.of(l.node(), new INDArray[] {l.x()}, y, l.r()))[0];
    }

    /** Row by row: the literal result of {@code f(x row, r row)}. */
    static INDArray literal(Layer l, BiFunction<double[], double[], double[]> f) {
        long n = l.x().size(0);
        double[][] rows = new double[(int) n][];
        for (int i = 0; i < n; i++) {
            rows[i] = f.apply(l.x().slice(i).dup().data().asDouble(), l.r().slice(i).dup().data().asDouble());
        }
        INDArray out = Nd4j.create(rows).reshape(l.x().shape());
        return out;
    }

    static void assertClose(INDArray actual, INDArray expected, double tol) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double diff = actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue();
        assertThat(diff).as("max |actual − literal|").isLessThanOrEqualTo(tol);
        assertThat(expected.amaxNumber().doubleValue()).as("the reference is not all zeros").isGreaterThan(1e-3);
    }

    static Stream<Arguments> cases() {
        return layers().flatMap(l -> Stream.of(
                Arguments.of(l, "epsilon 1e-6", new Epsilon(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().epsilon(x, r, 1e-6)),
                Arguments.of(l, "epsilon 0.25", new Epsilon(0.25), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().epsilon(x, r, 0.25)),
                Arguments.of(l, "z-plus", new ZPlus(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().zPlus(x, r, 1e-6)),
                Arguments.of(l, "alpha2-beta1", new AlphaBeta(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().alphaBeta(x, r, 2, 1, 1e-6)),
                Arguments.of(l, "alpha1-beta0", new AlphaBeta(1, 0), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().alphaBeta(x, r, 1, 0, 1e-6)),
                Arguments.of(l, "gamma 0.25", new Gamma(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().gamma(x, r, 0.25, 1e-6)),
                Arguments.of(l, "gamma 1.5", new Gamma(1.5, 1e-4), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().gamma(x, r, 1.5, 1e-4)),
                Arguments.of(l, "flat", new Flat(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().flat(r, 1e-6)),
                Arguments.of(l, "w-square", new WSquare(), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().wSquare(r, 1e-6)),
                Arguments.of(l, "z-box scalar", new ZBox(-1.2, 1.1), (BiFunction<double[], double[], double[]>) (x, r) -> l.literal().zBox(x, r,
                        fill(x.length, -1.2), fill(x.length, 1.1), 1e-6))));
    }

    static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void ruleEqualsItsLiteralFormula(Layer layer, String name, BackwardRule rule,
                                     BiFunction<double[], double[], double[]> literal) {
        assertClose(apply(rule, layer), literal(layer, literal), 1e-10);
    }

    @Test
    void zBoxWithPerChannelBoundsEqualsItsLiteralFormula() {
        Layer l = conv(true, 2);
        double[] lo = {-1.5, -0.25};
        double[] hi = {0.5, 2.0};
        ZBox rule = new ZBox(Nd4j.createFromArray(lo), Nd4j.createFromArray(hi));
        INDArray expected = literal(l, (x, r) -> {
            double[] low = new double[x.length];
            double[] high = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                low[i] = lo[i / 25];
                high[i] = hi[i / 25];
            }
            return l.literal().zBox(x, r, low, high, 1e-6);
        });
        assertClose(apply(rule, l), expected, 1e-10);
    }

    /**
     * Conservation needs every output's denominator away from zero: with zero padding a corner output of a random
     * layer reads few inputs and can have z⁺ = 0 exactly (relevance is then lost, in zennit too), so the
     * convolutions here are unpadded.
     */
    static Stream<Arguments> conserving() {
        return Stream.of(dense(true), dense(false), conv(true, 1, 0), conv(false, 1, 0), conv(true, 2, 0),
                conv(false, 2, 0)).flatMap(l -> {
            boolean bias = !l.name().contains("without");
            Stream.Builder<Arguments> s = Stream.builder();
            s.add(Arguments.of(l, "flat", new Flat(0)));
            s.add(Arguments.of(l, "z-box", new ZBox(-1.2, 1.1, 0)));
            if (!bias) {
                s.add(Arguments.of(l, "epsilon → 0", new Epsilon(0)));
                s.add(Arguments.of(l, "z-plus", new ZPlus(1e-12)));
                s.add(Arguments.of(l, "alpha2-beta1", new AlphaBeta(2, 1, 1e-12)));
                s.add(Arguments.of(l, "gamma", new Gamma(0.25, 0)));
                s.add(Arguments.of(l, "w-square", new WSquare(0)));
            }
            return s.build();
        });
    }

    @ParameterizedTest(name = "{1} conserves on {0}")
    @MethodSource("conserving")
    void conservesRelevancePerRow(Layer layer, String name, BackwardRule rule) {
        INDArray rin = apply(rule, layer);
        for (int i = 0; i < layer.x().size(0); i++) {
            double in = rin.slice(i).sumNumber().doubleValue();
            double out = layer.r().slice(i).sumNumber().doubleValue();
            assertThat(Math.abs(in - out)).as("row %d: Σ R_in = %s, Σ R_out = %s", i, in, out).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void epsilonWithBiasDoesNotConserve() {
        Layer l = dense(true);
        INDArray rin = apply(new Epsilon(0), l);
        double in = rin.slice(0).sumNumber().doubleValue();
        double out = l.r().slice(0).sumNumber().doubleValue();
        assertThat(Math.abs(in - out)).isGreaterThan(1e-3);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new AlphaBeta(2, 2)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("alpha − beta must equal 1");
        assertThatThrownBy(() -> new AlphaBeta(-1, -2)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ZBox(1, -1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("low must not exceed high");
        assertThatThrownBy(() -> new Gamma(-0.1)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new Epsilon(Double.NaN)).isInstanceOf(InvalidConfigException.class);
    }
}
