package org.xai4j.core.graph.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.core.graph.node.GradCheck.gaussian;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.OpenBuffers;

/**
 * The helpers with which nodes free their temporaries: {@link Ops#release} never frees what it is told to
 * keep (nor views of it), and {@link Ops#mmul} is {@code mmul} bit for bit without ND4J's hidden
 * f-ordered copy of the result.
 */
class TemporariesTest {
    @Test
    void releaseFreesATemporaryButNeverAKeptArrayOrAViewOfOne() {
        INDArray temp = gaussian(1, 4, 5);
        Ops.release(temp, gaussian(2, 4, 5));
        assertThat(Ops.root(temp).wasClosed()).isTrue();

        INDArray kept = gaussian(3, 4, 5);
        Ops.release(kept.reshape(5, 4), kept);
        Ops.release(kept.transpose(), kept);
        Ops.release(kept.getRow(1), kept);
        Ops.release(kept, kept.reshape(20));
        assertThat(Ops.root(kept).wasClosed()).isFalse();
        assertThat(kept.sumNumber().doubleValue()).isFinite();

        INDArray base = gaussian(4, 4, 5);
        Ops.release(base.reshape(20), (INDArray) null);
        assertThat(Ops.root(base).wasClosed()).as("a view's release frees its base").isTrue();
    }

    @Test
    void mmulEqualsNd4jBitForBitAndLeavesOnlyItsResult() {
        long[][] shapes = {{3, 5, 4}, {1, 5, 4}, {3, 5, 1}, {1, 5, 1}, {64, 300, 70}, {7, 1, 9}};
        int hiddenCopies = 0;
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (long[] s : shapes) {
                INDArray a = gaussian(s[0], s[0], s[1]).castTo(type);
                INDArray at = gaussian(s[0] + 3, s[1], s[0]).castTo(type).transpose();
                INDArray b = gaussian(s[2] + 7, s[1], s[2]).castTo(type);
                INDArray bt = gaussian(s[2] + 9, s[2], s[1]).castTo(type).transpose();
                for (INDArray[] p : new INDArray[][] {{a, b}, {at, b}, {a, bt}, {at, bt}}) {
                    OpenBuffers before = OpenBuffers.snapshot();
                    INDArray expected = p[0].mmul(p[1]);
                    java.util.List<String> leftByNd4j = new java.util.ArrayList<>(before.since(2, expected));
                    OpenBuffers snapshot = OpenBuffers.snapshot();
                    INDArray actual = Ops.mmul(p[0], p[1]);
                    java.util.List<String> leftByHelper = snapshot.since(2, actual);
                    // What mmul leaves, less its f-ordered copy of the result when the result is c-ordered (ND4J
                    // may also copy an operand, e.g. a row vector, inside; that copy is the same for both).
                    if (expected.ordering() == 'c' && leftByNd4j.remove(type + "[" + expected.length() + "]")) {
                        hiddenCopies++;
                    }
                    assertThat(leftByHelper).as("%s %s", type, Arrays.toString(s))
                            .containsExactlyInAnyOrderElementsOf(leftByNd4j);
                    assertThat(actual.ordering()).isEqualTo(expected.ordering());
                    assertThat(actual.shape()).isEqualTo(expected.shape());
                    assertThat(actual.dup('c').data().asDouble()).as("%s %s", type, Arrays.toString(s))
                            .containsExactly(expected.dup('c').data().asDouble());
                }
            }
        }
        assertThat(hiddenCopies).as("cases where mmul left an f-ordered copy that the helper frees").isPositive();
    }

    /**
     * With an upstream gradient that is not c-ordered, Conv, MaxPool and ConvTranspose copy it to c order:
     * the copy is theirs to free, and the gradient equals the one from the c-ordered upstream.
     */
    @Test
    void cOrderCopiesOfTheUpstreamAreFreed() {
        INDArray x = gaussian(60, 2, 4, 7, 6);
        Node[] nodes = {
                ConvNode.builder("conv").input("x").output("y").weight(gaussian(61, 4, 4, 3, 3)).pads(1).build(),
                ConvNode.builder("conv").input("x").output("y").weight(gaussian(62, 6, 2, 3, 3)).groups(2)
                        .strides(2, 2).pads(1, 0, 0, 1).build(),
                ConvNode.builder("conv").input("x").output("y").weight(gaussian(63, 4, 1, 3, 3)).groups(4).pads(1)
                        .build(),
                new MaxPoolNode("p", "x", "y", Window2d.of(3, 3).strides(2, 2).pads(1), false),
                new MaxPoolNode("p", "x", "y", Window2d.of(3, 2).strides(2, 1).pads(1, 0, 0, 1), false),
                new ConvTransposeNode("ct", "x", "y", gaussian(64, 4, 2, 3, 3), gaussian(65, 2),
                        Window2d.of(3, 3).strides(2, 2).pads(1), 0, 0)};
        for (Node node : nodes) {
            INDArray y = node.forward(x);
            INDArray uc = gaussian(66, y.shape());
            INDArray uf = uc.dup('f');
            INDArray expected = node.backward(BackwardContext.of(node, new INDArray[] {x}, y, uc), uc)[0];
            OpenBuffers snapshot = OpenBuffers.snapshot();
            INDArray actual = node.backward(BackwardContext.of(node, new INDArray[] {x}, y, uf), uf)[0];
            assertThat(snapshot.since(Math.max(2, Math.min(x.length(), y.length()) / 2), actual, uf, x, y))
                    .as("%s: temporaries left for the garbage collector", node).isEmpty();
            assertThat(actual.dup('c').data().asDouble()).as("%s", node)
                    .containsExactly(expected.dup('c').data().asDouble());
        }
    }
}
