package org.xai4j.core.graph.node;

import static org.xai4j.core.graph.node.GradCheck.check;
import static org.xai4j.core.graph.node.GradCheck.gaussian;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every node's backward equals central finite differences in double precision. */
class NodeGradientTest {
    private static final double TOL = 1e-6;

    private static INDArray[] one(INDArray x) {
        return new INDArray[] {x};
    }

    private static ConvNode.Builder conv(long o, long i, int k, long seed) {
        return ConvNode.builder("conv").input("x").output("y").weight(gaussian(seed, o, i, k, k))
                .bias(gaussian(seed + 1, o));
    }

    @Test
    void convPlainStridesDilationsAndPads() {
        INDArray x = gaussian(1, 2, 3, 7, 6);
        check(conv(4, 3, 3, 10).pads(1).build(), one(x), TOL);
        check(conv(4, 3, 3, 11).strides(2, 2).pads(1).build(), one(x), TOL);
        check(conv(4, 3, 3, 12).strides(2, 3).build(), one(x), TOL);
        check(conv(4, 3, 3, 13).dilations(2, 2).pads(2).build(), one(x), TOL);
        check(conv(4, 3, 2, 14).pads(0, 1, 1, 0).build(), one(x), TOL);
        check(conv(4, 3, 3, 15).strides(2, 2).pads(2, 0, 1, 1).build(), one(x), TOL);
        check(conv(2, 3, 1, 16).pads(1).build(), one(x), TOL);
        check(conv(4, 3, 3, 17).strides(3, 2).dilations(2, 1).pads(1, 2, 0, 1).build(), one(x), TOL);
    }

    @Test
    void convGroupedAndDepthwise() {
        INDArray x = gaussian(2, 2, 4, 6, 7);
        check(conv(6, 2, 3, 20).groups(2).pads(1).build(), one(x), TOL);
        check(conv(4, 1, 3, 21).groups(4).pads(1).build(), one(x), TOL);
        check(conv(8, 1, 3, 22).groups(4).pads(1).build(), one(x), TOL);
        check(conv(4, 1, 3, 23).groups(4).strides(2, 2).pads(1).build(), one(x), TOL);
        check(conv(4, 1, 5, 24).groups(4).strides(2, 2).pads(2, 1, 1, 2).build(), one(x), TOL);
        check(conv(4, 1, 3, 25).groups(4).pads(0, 1, 2, 1).build(), one(x), TOL);
        check(conv(4, 1, 3, 26).groups(4).dilations(2, 2).pads(2).build(), one(x), TOL);
    }

    @Test
    void convTranspose() {
        INDArray x = gaussian(3, 2, 3, 4, 5);
        check(new ConvTransposeNode("ct", "x", "y", gaussian(30, 3, 2, 3, 3), gaussian(31, 2),
                Window2d.of(3, 3).strides(2, 2).pads(1), 1, 1), one(x), TOL);
        check(new ConvTransposeNode("ct", "x", "y", gaussian(32, 3, 4, 3, 3), null,
                Window2d.of(3, 3).pads(1), 0, 0), one(x), TOL);
        check(new ConvTransposeNode("ct", "x", "y", gaussian(33, 3, 2, 2, 3), gaussian(34, 2),
                Window2d.of(2, 3).strides(2, 3).pads(0, 1, 1, 0).dilations(1, 2), 1, 0), one(x), TOL);
    }

    @Test
    void dense() {
        INDArray x = gaussian(4, 3, 5);
        check(new GemmNode("fc", "x", "y", gaussian(40, 4, 5), gaussian(41, 4)), one(x), TOL);
        check(new GemmNode("fc", "x", "y", gaussian(42, 4, 3), gaussian(43, 1, 4), true), one(x), TOL);
        check(new MatMulNode("mm", "a", "b", "y"), new INDArray[] {gaussian(44, 2, 3, 5), gaussian(45, 5, 4)}, TOL);
        check(new MatMulNode("mm", "a", "b", "y"), new INDArray[] {gaussian(46, 2, 3, 5), gaussian(47, 2, 5, 4)}, TOL);
        check(new MatMulNode("mm", "a", "b", "y"), new INDArray[] {gaussian(48, 3, 5), gaussian(49, 5, 2)}, TOL, 1);
    }

    @Test
    void batchNorm() {
        INDArray g = gaussian(50, 3);
        INDArray var = gaussian(51, 3).mul(gaussian(51, 3)).addi(0.1);
        BatchNormNode bn = BatchNormNode.of("bn", "x", "y", g, gaussian(52, 3), gaussian(53, 3), var, 1e-5);
        check(bn, one(gaussian(54, 2, 3, 4, 3)), TOL);
        check(bn, one(gaussian(55, 4, 3)), TOL);
    }

    @Test
    void activations() {
        INDArray x = gaussian(6, 2, 3, 4, 5).muli(3);
        check(new ReluNode("n", "x", "y"), one(x), TOL);
        check(new LeakyReluNode("n", "x", "y", 0.1), one(x), TOL);
        check(new SigmoidNode("n", "x", "y"), one(x), TOL);
        check(new TanhNode("n", "x", "y"), one(x), TOL);
        check(new SiluNode("n", "x", "y"), one(x), TOL);
        check(new HardSigmoidNode("n", "x", "y", 1.0 / 6, 0.5), one(x), TOL);
        check(new HardSigmoidNode("n", "x", "y", 0.2, 0.5), one(x), TOL);
        check(new HardSwishNode("n", "x", "y"), one(x), TOL);
        check(new GeluNode("n", "x", "y", false), one(x), TOL);
        check(new GeluNode("n", "x", "y", true), one(x), TOL);
        check(new ErfNode("n", "x", "y"), one(x), TOL);
        INDArray positive = org.nd4j.linalg.ops.transforms.Transforms.abs(x, true).addi(0.5);
        check(new SqrtNode("n", "x", "y"), one(positive), TOL);
        check(new PowNode("n", "x", "y", 2), one(x), TOL);
        check(new PowNode("n", "x", "y", 3), one(x), TOL);
        check(new PowNode("n", "x", "y", 0.5), one(positive), TOL);
        check(new PowNode("n", "x", "y", -1.5), one(positive), TOL);
        check(new ClipNode("n", "x", "y", 0, 6), one(x.mul(2)), TOL);
        check(new ClipNode("n", "x", "y", -1, Double.POSITIVE_INFINITY), one(x), TOL);
        check(new SoftmaxNode("n", "x", "y", 1, false), one(x), TOL);
        check(new SoftmaxNode("n", "x", "y", -1, false), one(x), TOL);
        check(new SoftmaxNode("n", "x", "y", 1, true), one(x), TOL);
        check(new SoftmaxNode("n", "x", "y", 1, false), one(gaussian(7, 3, 6)), TOL);
    }

    @Test
    void pooling() {
        INDArray x = gaussian(8, 2, 3, 7, 8);
        check(new MaxPoolNode("p", "x", "y", Window2d.of(3, 3).strides(2, 2).pads(1), false), one(x), TOL);
        check(new MaxPoolNode("p", "x", "y", Window2d.of(2, 2).strides(2, 2), true), one(x), TOL);
        check(new MaxPoolNode("p", "x", "y", Window2d.of(3, 2).strides(2, 1).pads(1, 0, 0, 1), false), one(x), TOL);
        check(new MaxPoolNode("p", "x", "y", Window2d.of(2, 2).dilations(2, 2), false), one(x), TOL);
        check(new AvgPoolNode("p", "x", "y", Window2d.of(3, 3).strides(2, 2).pads(1), true, false), one(x), TOL);
        check(new AvgPoolNode("p", "x", "y", Window2d.of(3, 3).strides(2, 2).pads(1), false, false), one(x), TOL);
        check(new AvgPoolNode("p", "x", "y", Window2d.of(2, 3).strides(2, 2).pads(0, 1, 1, 0), false, false), one(x), TOL);
        check(new AvgPoolNode("p", "x", "y", Window2d.of(2, 3).strides(2, 2).pads(0, 1, 1, 0), true, false), one(x), TOL);
        check(new AvgPoolNode("p", "x", "y", Window2d.of(2, 2).strides(2, 2), true, true), one(x), TOL);
        check(new GlobalAvgPoolNode("p", "x", "y"), one(x), TOL);
        check(new ReduceMeanNode("p", "x", "y", new int[] {2, 3}, true), one(x), TOL);
        check(new ReduceMeanNode("p", "x", "y", new int[] {-1}, false), one(x), TOL);
        check(new ReduceMeanNode("p", "x", "y", null, false), one(x), TOL);
    }

    @Test
    void broadcastingArithmetic() {
        INDArray a = gaussian(9, 2, 3, 4, 5);
        INDArray[] shapes = {gaussian(90, 2, 3, 4, 5), gaussian(91, 1, 3, 1, 1), gaussian(92, 3, 1, 1),
                gaussian(93, 5), gaussian(94, 2, 3, 1, 1)};
        for (INDArray b : shapes) {
            INDArray[] in = {a, b};
            check(new AddNode("n", "a", "b", "y"), in, TOL);
            check(new SubNode("n", "a", "b", "y"), in, TOL);
            check(new MulNode("n", "a", "b", "y"), in, TOL);
            check(new DivNode("n", "a", "b", "y"), new INDArray[] {a, b.add(b.gt(0).castTo(b.dataType()).mul(4).subi(2))}, TOL);
            check(new MulNode("n", "b", "a", "y"), new INDArray[] {b, a}, TOL);
        }
        check(new MulNode("n", "a", "b", "y"), new INDArray[] {a, gaussian(95, 3, 1, 1)}, TOL, 1);
    }

    @Test
    void shapeOperations() {
        INDArray x = gaussian(10, 2, 3, 4, 5);
        check(new ConcatNode("n", java.util.List.of("a", "b", "c"), "y", 1),
                new INDArray[] {x, gaussian(100, 2, 2, 4, 5), gaussian(101, 2, 1, 4, 5)}, TOL);
        check(new ConcatNode("n", java.util.List.of("a", "b"), "y", -1), new INDArray[] {x, gaussian(102, 2, 3, 4, 2)}, TOL);
        check(new FlattenNode("n", "x", "y", 1), one(x), TOL);
        check(new FlattenNode("n", "x", "y", 2), one(x), TOL);
        check(new ReshapeNode("n", "x", "y", new long[] {0, -1, 5}, false), one(x), TOL);
        check(new TransposeNode("n", "x", "y", new int[] {0, 2, 3, 1}), one(x), TOL);
        check(new TransposeNode("n", "x", "y", null), one(x), TOL);
        check(new PadNode("n", "x", "y", new long[] {0, 0, 1, 2}, new long[] {0, 1, 0, 3}, 0.5), one(x), TOL);
        check(new PadNode("n", "x", "y", new long[] {0, 0, -1, 1}, new long[] {0, 0, 1, -2}, 0), one(x), TOL);
        check(new IdentityNode("n", "x", "y"), one(x), TOL);
    }

    @Test
    void resize() {
        INDArray x = gaussian(11, 2, 2, 3, 4);
        for (ResizeNode.CoordinateMode cm : ResizeNode.CoordinateMode.values()) {
            check(ResizeNode.byScale("r", "x", "y", ResizeNode.Mode.LINEAR, cm, ResizeNode.NearestMode.FLOOR, 2, 1.5),
                    one(x), TOL);
            check(ResizeNode.toSize("r", "x", "y", ResizeNode.Mode.NEAREST, cm,
                    ResizeNode.NearestMode.ROUND_PREFER_FLOOR, 5, 3), one(x), TOL);
        }
    }

    @Test
    void sqrtAndPowForwardMatchClosedForms() {
        INDArray v = org.nd4j.linalg.factory.Nd4j.createFromArray(4.0, 9.0, 0.25);
        org.assertj.core.api.Assertions.assertThat(new SqrtNode("n", "x", "y").forward(v).toDoubleVector())
                .containsExactly(2.0, 3.0, 0.5);
        org.assertj.core.api.Assertions.assertThat(new PowNode("n", "x", "y", 2).forward(v.neg()).toDoubleVector())
                .containsExactly(16.0, 81.0, 0.0625);
        org.assertj.core.api.Assertions.assertThat(new PowNode("n", "x", "y", -0.5).forward(v).toDoubleVector())
                .containsExactly(0.5, 1.0 / 3, 2.0);
    }
}
