package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.TransposeNode;
import org.xai4j.core.target.Target;

/**
 * The affine LRP rules on a MatMul {@code x · W} by a constant matrix (an ONNX export of a bias-free
 * {@code nn.Linear}): each equals its formula written as float64 loops over {@code W}'s own in × out layout
 * ({@link LiteralLrp}, to 1e-10) and the same rule on the equivalent Gemm node with weight {@code Wᵀ}; the
 * conserving ones conserve; whole composites on a MatMul network equal the same composites on its Gemm twin; and a
 * MatMul of two activations (attention) is refused with the reason.
 */
class MatMulRulesTest {
    private static final int IN = 6;
    private static final int OUT = 4;
    private static final INDArray W = LrpRulesReferenceTest.uniform(11, 1, IN, OUT);
    private static final MatMulNode MATMUL = new MatMulNode("mm", "x", "w", "y");
    private static final GemmNode GEMM = new GemmNode("fc", "x", "y", W.transpose().dup('c'), null);

    /** The literal layer over W's in × out layout: output j reads input i through W[i][j] = w[i·OUT + j]. */
    private static LiteralLrp literal() {
        int[][] in = new int[OUT][IN];
        int[][] k = new int[OUT][IN];
        for (int j = 0; j < OUT; j++) {
            for (int i = 0; i < IN; i++) {
                in[j][i] = i;
                k[j][i] = i * OUT + j;
            }
        }
        return new LiteralLrp(in, k, W.dup().data().asDouble(), null, IN);
    }

    private static INDArray onMatMul(BackwardRule rule, INDArray x, INDArray r) {
        INDArray y = MATMUL.forward(x, W);
        INDArray[] out = rule.backward(BackwardContext.of(MATMUL, new INDArray[] {x, W}, y, r, 1));
        assertThat(out).hasSize(2);
        assertThat(out[1]).as("nothing flows to the constant weight").isNull();
        return out[0];
    }

    private static INDArray onGemm(BackwardRule rule, INDArray x, INDArray r) {
        return rule.backward(BackwardContext.of(GEMM, new INDArray[] {x}, GEMM.forward(x), r))[0];
    }

    /** Row by row, the literal result {@code f(x row, r row)}. */
    private static INDArray literal(INDArray x, INDArray r, BiFunction<double[], double[], double[]> f) {
        double[][] rows = new double[(int) x.size(0)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = f.apply(x.slice(i).dup().data().asDouble(), r.slice(i).dup().data().asDouble());
        }
        return Nd4j.create(rows);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** The input batch: of either sign, or non-negative (post-ReLU; the rules' x⁻ = 0 shortcut). */
    private static INDArray input(boolean nonNegative) {
        INDArray x = LrpRulesReferenceTest.uniform(12, 1, 3, IN);
        return nonNegative ? Transforms.relu(x, true) : x;
    }

    /** Arguments are names and booleans, not arrays: JUnit closes AutoCloseable arguments (INDArrays) after use. */
    static Stream<Arguments> cases() {
        LiteralLrp l = literal();
        return Stream.of(false, true).flatMap(in -> Stream.of(
                Arguments.of("epsilon 1e-6", new Epsilon(), in, fn((a, r) -> l.epsilon(a, r, 1e-6))),
                Arguments.of("epsilon 0.25", new Epsilon(0.25), in, fn((a, r) -> l.epsilon(a, r, 0.25))),
                Arguments.of("z-plus", new ZPlus(), in, fn((a, r) -> l.zPlus(a, r, 1e-6))),
                Arguments.of("alpha2-beta1", new AlphaBeta(), in, fn((a, r) -> l.alphaBeta(a, r, 2, 1, 1e-6))),
                Arguments.of("gamma 0.25", new Gamma(), in, fn((a, r) -> l.gamma(a, r, 0.25, 1e-6))),
                Arguments.of("flat", new Flat(), in, fn((a, r) -> l.flat(r, 1e-6))),
                Arguments.of("w-square", new WSquare(), in, fn((a, r) -> l.wSquare(r, 1e-6))),
                Arguments.of("z-box", new ZBox(-1.2, 1.1), in, fn((a, r) -> l.zBox(a, r,
                        LrpRulesReferenceTest.fill(IN, -1.2), LrpRulesReferenceTest.fill(IN, 1.1), 1e-6)))));
    }

    private static BiFunction<double[], double[], double[]> fn(BiFunction<double[], double[], double[]> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}, x ≥ 0: {2}")
    @MethodSource("cases")
    void ruleOnAMatMulEqualsItsLiteralFormulaAndTheSameRuleOnTheEquivalentGemm(
            String name, BackwardRule rule, boolean nonNegative, BiFunction<double[], double[], double[]> formula) {
        INDArray x = input(nonNegative);
        INDArray r = LrpRulesReferenceTest.uniform(13, 1, 3, OUT);
        INDArray actual = onMatMul(rule, x, r);
        INDArray expected = literal(x, r, formula);
        assertThat(expected.amaxNumber().doubleValue()).as("the reference is not all zeros").isGreaterThan(1e-3);
        assertThat(maxDiff(actual, expected)).as("max |MatMul − literal|").isLessThanOrEqualTo(1e-10);
        assertThat(maxDiff(actual, onGemm(rule, x, r))).as("max |MatMul − Gemm|").isLessThanOrEqualTo(1e-10);
    }

    /** x of rank 3 ({@code N × T × in}, a sequence): the rule acts on the last axis, each of the N·T rows alone. */
    @Test
    void aMatMulOnAHigherRankInputIsTheRuleOnEachRowOfItsLastAxis() {
        INDArray x = LrpRulesReferenceTest.uniform(14, 1, 2, 3, IN);
        INDArray r = LrpRulesReferenceTest.uniform(15, 1, 2, 3, OUT);
        LiteralLrp l = literal();
        INDArray actual = onMatMul(new ZPlus(), x, r);
        INDArray expected = literal(x.reshape(6, IN), r.reshape(6, OUT), (a, b) -> l.zPlus(a, b, 1e-6))
                .reshape(2, 3, IN);
        assertThat(maxDiff(actual, expected)).isLessThanOrEqualTo(1e-10);
    }

    static Stream<Arguments> conserving() {
        return Stream.of(
                Arguments.of("flat", new Flat(0)),
                Arguments.of("z-box", new ZBox(-1.2, 1.1, 0)),
                Arguments.of("epsilon → 0", new Epsilon(0)),
                Arguments.of("z-plus", new ZPlus(1e-12)),
                Arguments.of("alpha2-beta1", new AlphaBeta(2, 1, 1e-12)),
                Arguments.of("gamma", new Gamma(0.25, 0)),
                Arguments.of("w-square", new WSquare(0)));
    }

    @ParameterizedTest(name = "{0} conserves")
    @MethodSource("conserving")
    void theConservingRulesConserveOnAMatMul(String name, BackwardRule rule) {
        INDArray x = LrpRulesReferenceTest.uniform(16, 1, 3, IN);
        INDArray r = LrpRulesReferenceTest.uniform(17, 1, 3, OUT);
        INDArray rin = onMatMul(rule, x, r);
        for (int i = 0; i < 3; i++) {
            double in = rin.slice(i).sumNumber().doubleValue();
            double out = r.slice(i).sumNumber().doubleValue();
            assertThat(Math.abs(in - out)).as("row %d: Σ R_in = %s, Σ R_out = %s", i, in, out)
                    .isLessThanOrEqualTo(1e-6);
        }
    }

    /** x → MatMul(W1) → ReLU → MatMul(W2), and its twin with Gemm(W1ᵀ), Gemm(W2ᵀ). */
    private static Graph net(boolean matMul) {
        INDArray w1 = LrpRulesReferenceTest.uniform(18, 1, IN, 5);
        INDArray w2 = LrpRulesReferenceTest.uniform(19, 1, 5, 3);
        org.xai4j.core.graph.GraphBuilder b = Graph.builder(matMul ? "matmul-net" : "gemm-net").input("x", -1, IN)
                .dataType(DataType.DOUBLE);
        if (matMul) {
            b.constant("w1", w1).constant("w2", w2)
                    .node(new MatMulNode("l1", "x", "w1", "h"))
                    .node(new MatMulNode("l2", "a", "w2", "out"));
        } else {
            b.node(new GemmNode("l1", "x", "h", w1.transpose(), null))
                    .node(new GemmNode("l2", "a", "out", w2.transpose(), null));
        }
        return b.node(new ReluNode("relu", "h", "a")).output("out").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"epsilon-plus", "epsilon-plus-flat", "epsilon-gamma-box", "epsilon-alpha2-beta1",
            "epsilon-alpha2-beta1-flat"})
    void everyCompositeCrossesAMatMulNetworkAsItsGemmTwin(String composite) {
        INDArray x = LrpRulesReferenceTest.uniform(20, 1, 4, IN);
        LrpConfig config = LrpConfig.DEFAULTS.withComposite(composite).withBounds(-1, 1);
        Target target = Target.perRow(0, 1, 2, 0);
        INDArray viaMatMul = new Lrp(net(true), config).explain(x, target).values();
        INDArray viaGemm = new Lrp(net(false), config).explain(x, target).values();
        assertThat(viaGemm.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        assertThat(maxDiff(viaMatMul, viaGemm)).isLessThanOrEqualTo(1e-10);
    }

    /** x (N × 3 × 4) → MatMul(x, xᵀ) (N × 3 × 3) → Flatten → Gemm: attention-like, bilinear in the input. */
    @Test
    void aMatMulOfTwoActivationsIsRefusedWithTheReason() {
        Graph g = Graph.builder("attention").input("x", -1, 3, 4).dataType(DataType.DOUBLE)
                .node(new TransposeNode("kT", "x", "k", new int[] {0, 2, 1}))
                .node(new MatMulNode("scores", "x", "k", "s"))
                .node(new FlattenNode("flat", "s", "f", 1))
                .node(new GemmNode("fc", "f", "out", LrpRulesReferenceTest.uniform(21, 1, 2, 9), null))
                .output("out").build();
        assertThatThrownBy(() -> new Lrp(g)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageStartingWith("lrp: the rule flat cannot cross node 'scores' of type MatMulNode")
                .hasMessageContaining("second operand 'k'").hasMessageContaining("depends on the input");
        // A pass that reaches such a node anyway (a hand-built composite) is refused there too.
        INDArray a = LrpRulesReferenceTest.uniform(22, 1, 2, 3, 4);
        INDArray b = a.permute(0, 2, 1).dup();
        INDArray y = MATMUL.forward(a, b);
        assertThatThrownBy(() -> new Epsilon().backward(BackwardContext.of(MATMUL, new INDArray[] {a, b}, y, y)))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("not affine");
    }

    @Test
    void epsilonsStabiliserErrorNamesEpsilon() {
        assertThatThrownBy(() -> new Epsilon(-1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("epsilon: epsilon must be a finite number ≥ 0 but got -1.0");
        assertThatThrownBy(() -> new ZPlus(Double.NaN)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("zplus: stabilizer must be a finite number ≥ 0 but got NaN");
    }
}
