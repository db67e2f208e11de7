package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleVariant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.ClipNode;
import org.xai4j.core.graph.node.DivNode;
import org.xai4j.core.graph.node.ErfNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GeluNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.HardSigmoidNode;
import org.xai4j.core.graph.node.HardSwishNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SiluNode;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.graph.node.TanhNode;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;

/**
 * DeepLIFT against closed forms written from the definitions, on graphs built in this test: a network without
 * nonlinearities (DeepLIFT = gradient × (x − x′)), every element-wise nonlinearity between two dense layers
 * (multiplier = W₂ᵀ diag((f(z) − f(z′))/(z − z′)) W₁), products (DeepLIFT of a bilinear map = its gradient at
 * the midpoint (x + x′)/2), quotients, softmax vectors along an inner axis and over flattened axes.
 */
class DeepLiftClosedFormTest {
    final INDArray x = Data.uniform(31, 3, 5).muli(2);
    final INDArray b = Data.uniform(32, 3, 5).muli(1.5);
    final Target t = Target.perRow(2, 0, 1);
    final int[] classes = {2, 0, 1};

    static DeepLift deepLift(Graph g, INDArray baseline) {
        return new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(baseline)));
    }

    static double tol(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 1e-5;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluFreeModelEqualsGradientTimesDifference(DataType type) {
        Graph g = SmallGraphs.linear(40, type);
        INDArray xi = Data.uniform(41, type, 3, 2, 6, 6);
        Target target = Target.perRow(1, 2, 0);
        for (INDArray baseline : List.of(xi.mul(0), Data.uniform(42, type, 3, 2, 6, 6))) {
            INDArray grad = g.gradients(xi, target).inputGradient();
            Attribution a = deepLift(g, baseline).explain(xi, target);
            Close.check("DeepLIFT = gradient × (x − b)", a.values(), grad.mul(xi.sub(baseline)), tol(type));
            INDArray m = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(baseline))
                    .withMultiplyByInputs(false)).explain(xi, target).values();
            Close.check("multipliers = gradient", m, grad, tol(type));
            double scale = a.values().castTo(DataType.DOUBLE).amaxNumber().doubleValue() * 72;
            assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(tol(type) * scale);
        }
    }

    /** A scalar function and the node computing it. */
    record Nonlinearity(String name, Node node, DoubleUnaryOperator f) {
    }

    static double erf(double z) {
        // Maclaurin series; |z| ≤ 4 here, where 120 terms reach double precision.
        double term = z;
        double sum = z;
        for (int n = 1; n < 120; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static List<Nonlinearity> nonlinearities() {
        double k = Math.sqrt(2 / Math.PI);
        return List.of(
                new Nonlinearity("relu", new ReluNode("f", "z", "y"), z -> Math.max(z, 0)),
                new Nonlinearity("leaky-relu", new LeakyReluNode("f", "z", "y", 0.1), z -> z > 0 ? z : 0.1 * z),
                new Nonlinearity("sigmoid", new SigmoidNode("f", "z", "y"), DeepLiftClosedFormTest::sigmoid),
                new Nonlinearity("tanh", new TanhNode("f", "z", "y"), Math::tanh),
                new Nonlinearity("silu", new SiluNode("f", "z", "y"), z -> z * sigmoid(z)),
                new Nonlinearity("gelu", new GeluNode("f", "z", "y", false), z -> z * 0.5 * (1 + erf(z / Math.sqrt(2)))),
                new Nonlinearity("gelu-tanh", new GeluNode("f", "z", "y", true),
                        z -> 0.5 * z * (1 + Math.tanh(k * (z + 0.044715 * z * z * z)))),
                new Nonlinearity("erf", new ErfNode("f", "z", "y"), DeepLiftClosedFormTest::erf),
                new Nonlinearity("hard-sigmoid", new HardSigmoidNode("f", "z", "y", 1.0 / 6, 0.5),
                        z -> Math.min(1, Math.max(0, z / 6 + 0.5))),
                new Nonlinearity("hard-swish", new HardSwishNode("f", "z", "y"), z -> z * Math.min(1, Math.max(0, z / 6 + 0.5))),
                new Nonlinearity("clip", new ClipNode("f", "z", "y", -0.5, 0.7), z -> Math.min(0.7, Math.max(-0.5, z))));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void rescaleAtEveryElementwiseNonlinearity(DataType type) {
        int h = 7;
        INDArray w1 = SmallGraphs.weights(50, 1.2, h, 5);
        INDArray b1 = SmallGraphs.weights(51, 0.5, h);
        INDArray w2 = SmallGraphs.weights(52, 1, 3, h);
        double[] wf1 = HostArrays.doubles(w1);
        double[] bf1 = HostArrays.doubles(b1);
        double[] wf2 = HostArrays.doubles(w2);
        // The graphs see the inputs in their own type: the closed form uses the same rounded values.
        double[] xs = HostArrays.doubles(x.castTo(type));
        double[] bs = HostArrays.doubles(b.castTo(type));
        for (Nonlinearity nl : nonlinearities()) {
            Graph g = SmallGraphs.sandwich(nl.name(), nl.node(), w1, b1, w2, type);
            double[] expected = new double[15];
            for (int i = 0; i < 3; i++) {
                for (int u = 0; u < h; u++) {
                    double z = bf1[u];
                    double zr = bf1[u];
                    for (int j = 0; j < 5; j++) {
                        z += wf1[u * 5 + j] * xs[i * 5 + j];
                        zr += wf1[u * 5 + j] * bs[i * 5 + j];
                    }
                    double r = (nl.f().applyAsDouble(z) - nl.f().applyAsDouble(zr)) / (z - zr);
                    for (int j = 0; j < 5; j++) {
                        expected[i * 5 + j] += wf2[classes[i] * h + u] * r * wf1[u * 5 + j] * (xs[i * 5 + j] - bs[i * 5 + j]);
                    }
                }
            }
            Attribution a = deepLift(g, b.castTo(type)).explain(x.castTo(type), t);
            Close.check(nl.name(), a.values(), HostArrays.array(expected, new long[] {3, 5}, DataType.DOUBLE), tol(type));
            double scale = Math.abs(HostArrays.array(expected, new long[] {3, 5}, DataType.DOUBLE).amaxNumber().doubleValue()) * 5;
            assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).as(nl.name() + " delta")
                    .isLessThan(tol(type) * scale);
        }
    }

    /** x → dense a (8), dense s (1) → a ⊙ s (broadcast) → dense 8 ; dense c (6) → 2×3, dense d (6) → 3×2 → c·d → dense. */
    static Graph products(DataType type) {
        return Graph.builder("products").input("x", -1, 5).dataType(type)
                .node(new GemmNode("fa", "x", "a", SmallGraphs.weights(60, 1, 8, 5), SmallGraphs.weights(61, 0.3, 8)))
                .node(new GemmNode("fs", "x", "s", SmallGraphs.weights(62, 1, 1, 5), SmallGraphs.weights(63, 0.3, 1)))
                .node(new MulNode("gate", "a", "s", "as"))
                .node(new GemmNode("fc", "x", "c", SmallGraphs.weights(64, 1, 6, 5), null))
                .node(new GemmNode("fd", "x", "d", SmallGraphs.weights(65, 1, 6, 5), SmallGraphs.weights(66, 0.3, 6)))
                .node(new ReshapeNode("rc", "c", "c3", new long[] {-1, 2, 3}, false))
                .node(new ReshapeNode("rd", "d", "d3", new long[] {-1, 3, 2}, false))
                .node(new MatMulNode("mm", "c3", "d3", "cd"))
                .node(new FlattenNode("flat", "cd", "cdf", 1))
                .node(new GemmNode("o1", "as", "p", SmallGraphs.weights(67, 1, 3, 8), null))
                .node(new GemmNode("o2", "cdf", "q", SmallGraphs.weights(68, 1, 3, 4), null))
                .node(new org.xai4j.core.graph.node.AddNode("sum", "p", "q", "out"))
                .output("out").build();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void productsGetTheGradientAtTheMidpoint(DataType type) {
        Graph g = products(type);
        INDArray xi = x.castTo(type);
        INDArray bi = b.castTo(type);
        INDArray mid = xi.add(bi).muli(0.5);
        INDArray expected = g.gradients(mid, t).inputGradient().mul(xi.sub(bi));
        Attribution a = deepLift(g, bi).explain(xi, t);
        Close.check("products", a.values(), expected, tol(type));
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(tol(type) * 10);
    }

    @Test
    void quotientsSplitTheChangeSymmetrically() {
        Graph g = Graph.builder("quotient").input("x", -1, 5).dataType(DataType.DOUBLE)
                .node(new GemmNode("fa", "x", "a", SmallGraphs.weights(70, 1, 4, 5), SmallGraphs.weights(71, 0.3, 4)))
                .node(new GemmNode("fb", "x", "b", SmallGraphs.weights(72, 0.3, 4, 5), SmallGraphs.weights(73, 0.2, 4).addi(2)))
                .node(new DivNode("div", "a", "b", "q"))
                .node(new GemmNode("out", "q", "y", SmallGraphs.weights(74, 1, 3, 4), null))
                .output("y").build();
        double[] wa = HostArrays.doubles(SmallGraphs.weights(70, 1, 4, 5));
        double[] ba = HostArrays.doubles(SmallGraphs.weights(71, 0.3, 4));
        double[] wb = HostArrays.doubles(SmallGraphs.weights(72, 0.3, 4, 5));
        double[] bb = HostArrays.doubles(SmallGraphs.weights(73, 0.2, 4).addi(2));
        double[] wo = HostArrays.doubles(SmallGraphs.weights(74, 1, 3, 4));
        double[] xs = HostArrays.doubles(x);
        double[] bs = HostArrays.doubles(b);
        double[] expected = new double[15];
        for (int i = 0; i < 3; i++) {
            for (int u = 0; u < 4; u++) {
                double a1 = ba[u];
                double a0 = ba[u];
                double b1 = bb[u];
                double b0 = bb[u];
                for (int j = 0; j < 5; j++) {
                    a1 += wa[u * 5 + j] * xs[i * 5 + j];
                    a0 += wa[u * 5 + j] * bs[i * 5 + j];
                    b1 += wb[u * 5 + j] * xs[i * 5 + j];
                    b0 += wb[u * 5 + j] * bs[i * 5 + j];
                }
                double up = wo[classes[i] * 4 + u];
                double ma = up * (1 / b1 + 1 / b0) / 2;
                double mb = -up * (a1 + a0) / (2 * b1 * b0);
                for (int j = 0; j < 5; j++) {
                    expected[i * 5 + j] += (ma * wa[u * 5 + j] + mb * wb[u * 5 + j]) * (xs[i * 5 + j] - bs[i * 5 + j]);
                }
            }
        }
        Attribution a = deepLift(g, b).explain(x, t);
        Close.check("quotient", a.values(), HostArrays.array(expected, new long[] {3, 5}, DataType.DOUBLE), 1e-12);
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** Softmax over the channels of N×3×2×2 (vectors strided by 4), or over all 12 values of a row (flattened). */
    static Graph softmax(boolean flatten) {
        return Graph.builder("softmax-" + flatten).input("x", -1, 3, 2, 2).dataType(DataType.DOUBLE)
                .node(new SoftmaxNode("sm", "x", "p", 1, flatten))
                .node(new FlattenNode("flat", "p", "f", 1))
                .node(new GemmNode("fc", "f", "out", SmallGraphs.weights(80, 1, 3, 12), null))
                .output("out").build();
    }

    @Test
    void softmaxVectorsAreFoundAlongTheAxisOrOverFlattenedAxes() {
        INDArray xi = Data.uniform(81, 3, 3, 2, 2).muli(3);
        INDArray bi = Data.uniform(82, 3, 3, 2, 2);
        for (boolean flatten : new boolean[] {false, true}) {
            Graph g = softmax(flatten);
            // Captum's rule subtracts the mean of each vector: the input multipliers sum to zero over each vector
            // (and not over other groupings).
            INDArray m = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(bi)).withMultiplyByInputs(false)).explain(xi, t).values();
            INDArray perPosition = m.sum(1);
            INDArray perRow = m.reshape(3, 12).sum(1);
            if (flatten) {
                assertThat(perRow.amaxNumber().doubleValue()).isLessThan(1e-12);
                assertThat(perPosition.amaxNumber().doubleValue()).isGreaterThan(1e-3);
            } else {
                assertThat(perPosition.amaxNumber().doubleValue()).isLessThan(1e-12);
            }
            // The exact rule conserves; Captum's does not.
            double exact = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(bi)).withSoftmax(RuleVariant.EXACT)).explain(xi, t).convergenceDelta().orElseThrow().amaxNumber().doubleValue();
            double captum = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(BadInputTest.fixed(bi)))
                    .explain(xi, t).convergenceDelta().orElseThrow().amaxNumber().doubleValue();
            assertThat(exact).as("exact softmax delta").isLessThan(1e-12);
            assertThat(captum).as("Captum softmax delta").isGreaterThan(1e-3);
        }
    }
}
