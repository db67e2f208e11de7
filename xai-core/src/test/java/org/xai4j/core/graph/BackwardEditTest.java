package org.xai4j.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xai4j.core.graph.TestGraphs.g;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;

/**
 * {@link BackwardEdit}s with the plain gradient on the residual test graph, edited at conv2 (whose output meets the
 * skip connection from bn1 at the addition): an edit that turns the one-row gradient into K masked rows, against the
 * graph's own plain passes assembled by linearity. With the bypass dropped, row m is the backward pass of the graph
 * cut at conv2's output seeded with mask m times conv2's gradient; with it kept, the full input gradient minus that
 * cut pass seeded with the unmasked gradient plus the one seeded with the masked. Below conv2 the pass crosses
 * broadcasting nodes (convolution and batch norm, which keep no forward values) and repeated ones (ReLU).
 */
class BackwardEditTest {
    private final Graph graph = TestGraphs.residual();
    private final INDArray x = g(41, 1, 3, 8, 8);
    private final Target target = Target.classIndex(2);

    /** K = 3 masks on conv2's 4 channels: channel 0, channel 3, all channels halved. */
    private static INDArray masks() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, 3, 4, 1, 1);
        m.putScalar(new long[] {0, 0, 0, 0}, 1);
        m.putScalar(new long[] {1, 3, 0, 0}, 1);
        m.get(NDArrayIndex.point(2)).assign(0.5);
        return m;
    }

    private static final UnaryOperator<INDArray> MASK = gr -> gr.mul(masks());

    /** The backward pass of the graph cut at conv2's output, from {@code seed} (one row). */
    private INDArray throughConv2(INDArray seed) {
        Graph cut = graph.toBuilder().output("c2").build();
        Target t = Target.function("seed", out -> Nd4j.zeros(out.dataType(), out.size(0)), out -> seed);
        return cut.gradients(x, t).inputGradient();
    }

    @Test
    void kMaskedRowsWithTheBypassDroppedEqualOneCutPassPerMask() {
        INDArray atConv2 = graph.backward(x, target, List.of("conv2")).gradient("conv2");
        LayerPass p = graph.propagate(x, Propagation.builder().target(target).layers("conv2")
                .edit(new BackwardEdit("conv2", MASK, true)).build());
        assertThat(p.inputGradient().shape()).isEqualTo(new long[] {3, 3, 8, 8});
        assertThat(p.gradient("conv2")).isEqualTo(atConv2); // reported before the edit
        for (int m = 0; m < 3; m++) {
            INDArray expected = throughConv2(atConv2.mul(masks().get(NDArrayIndex.interval(m, m + 1))));
            INDArray row = p.inputGradient().get(NDArrayIndex.interval(m, m + 1));
            assertThat(row.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
            assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(1e-6);
        }
    }

    @Test
    void kMaskedRowsWithTheBypassKeptAddTheBypassToEveryRow() {
        INDArray full = graph.gradients(x, target).inputGradient();
        INDArray atConv2 = graph.backward(x, target, List.of("conv2")).gradient("conv2");
        INDArray bypass = full.sub(throughConv2(atConv2));
        INDArray got = graph.propagate(x, Propagation.builder().target(target)
                .edit(BackwardEdit.of("c2", MASK)).build()).inputGradient();
        for (int m = 0; m < 3; m++) {
            INDArray expected = bypass.add(throughConv2(atConv2.mul(masks().get(NDArrayIndex.interval(m, m + 1)))));
            assertThat(got.get(NDArrayIndex.interval(m, m + 1)).sub(expected).amaxNumber().doubleValue())
                    .isLessThan(1e-12);
        }
        assertThat(bypass.amaxNumber().doubleValue()).isGreaterThan(1e-6);
    }

    @Test
    void theEditGetsACopy() {
        INDArray atConv2 = graph.backward(x, target, List.of("conv2")).gradient("conv2");
        LayerPass p = graph.propagate(x, Propagation.builder().target(target).layers("conv2")
                .edit(BackwardEdit.of("conv2", gr -> gr.muli(0))).build());
        assertThat(p.gradient("conv2")).isEqualTo(atConv2);
        // only the bypass reaches the input, the same as dropping conv2's gradient
        assertThat(p.inputGradient().sub(graph.gradients(x, target).inputGradient().sub(throughConv2(atConv2)))
                .amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void badEditsFailWithSpecificErrors() {
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target)
                .edit(BackwardEdit.of("conv2", gr -> Nd4j.zeros(DataType.DOUBLE, 1, 2))).build()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("conv2").hasMessageContaining("[1, 2]");
        INDArray x3 = g(42, 3, 3, 8, 8);
        assertThatThrownBy(() -> graph.propagate(x3, Propagation.builder().target(target)
                .edit(BackwardEdit.of("conv2", gr -> Nd4j.concat(0, gr, gr))).build()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[6, 4, 8, 8]");
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target)
                .edit(BackwardEdit.of("conv2", MASK)).edit(BackwardEdit.of("c2", MASK)).build()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("two backward edits");
        assertThatThrownBy(() -> Propagation.builder().edit(BackwardEdit.of("conv2", MASK))
                .edit(BackwardEdit.of("conv2", MASK)).target(target).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("two backward edits");
        assertThatThrownBy(() -> Propagation.builder().edit(BackwardEdit.of("conv2", MASK)).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("give a target");
        assertThatThrownBy(() -> graph.propagate(x, Propagation.builder().target(target)
                .edit(BackwardEdit.of("conv9", MASK)).build())).isInstanceOf(UnknownLayerException.class);
        assertThatThrownBy(() -> BackwardEdit.of("conv2", null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("function");
    }
}
