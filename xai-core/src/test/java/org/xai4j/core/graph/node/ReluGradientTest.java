package org.xai4j.core.graph.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;

/**
 * ReLU's one-pass backward against ND4J's {@code step(y) · g}, bit for bit: outputs full of exact zeros (+0 and −0),
 * upstream values of both signs and −0 (a masked negative must give −0, as the ND4J product does), over more than
 * one window and a length that is not a multiple of it; arrays that are not plain go to ND4J's ops.
 */
class ReluGradientTest {
    @Test
    void equalsNd4jsStepTimesUpstreamBitForBit() {
        Random r = new Random(19);
        long[] shape = {3, 5, 29, 31};
        INDArray x = values(r, shape);
        INDArray y = Transforms.relu(x, true);
        float[] yv = y.data().asFloat();
        for (int i = 0; i < yv.length; i += 7) {
            yv[i] = -0f; // a ReLU of −0 keeps −0 in some engines: it must not count as positive
        }
        y = Nd4j.create(yv, shape, 'c');
        INDArray g = values(r, shape);
        float[] gv = g.data().asFloat();
        for (int i = 0; i < gv.length; i += 11) {
            gv[i] = -0f;
        }
        g = Nd4j.create(gv, shape, 'c');
        INDArray yCopy = y.dup();
        INDArray gCopy = g.dup();

        INDArray fused = ReluGradient.of(y, g);
        INDArray expected = Transforms.step(y, true).muli(g);
        assertThat(bits(fused)).containsExactly(bits(expected));
        int negativeZeros = 0;
        for (int b : bits(fused)) {
            negativeZeros += b == Float.floatToRawIntBits(-0f) ? 1 : 0;
        }
        assertThat(negativeZeros).as("masked negatives give −0").isGreaterThan(100);
        ReluNode node = new ReluNode("r", "x", "y");
        INDArray viaNode = node.backward(BackwardContext.of(node, new INDArray[] {x}, y, g), g)[0];
        assertThat(bits(viaNode)).containsExactly(bits(expected));
        assertThat(y).isEqualTo(yCopy);
        assertThat(g).isEqualTo(gCopy);
    }

    @Test
    void leavesViewsDoublesAndOtherShapesToNd4j() {
        Random r = new Random(5);
        INDArray y = Transforms.relu(values(r, 4, 6), true);
        INDArray g = values(r, 4, 6);
        assertThat(ReluGradient.of(y.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()),
                g.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()))).isNull();
        assertThat(ReluGradient.of(y.castTo(DataType.DOUBLE), g.castTo(DataType.DOUBLE))).isNull();
        assertThat(ReluGradient.of(y, g.reshape(6, 4))).isNull();
        assertThat(ReluGradient.of(y.transpose(), g.transpose())).isNull();
        ReluNode node = new ReluNode("r", "x", "y");
        INDArray yt = y.transpose();
        INDArray gt = g.transpose();
        INDArray viaNode = node.backward(BackwardContext.of(node, new INDArray[] {yt}, yt, gt), gt)[0];
        assertThat(bits(viaNode.dup('c'))).containsExactly(bits(Transforms.step(yt, true).muli(gt).dup('c')));
    }

    private static INDArray values(Random r, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 5 == 0 ? 0f : (float) r.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static int[] bits(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
