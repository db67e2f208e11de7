package org.xai4j.metrics.complexity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.metrics.UndefinedMetricException;

class ComplexityTest {
    @Test
    void closedFormsForUniformOneHotAndAHandCountedMap() {
        int n = 50;
        INDArray maps = Nd4j.zeros(DataType.DOUBLE, 3, 5, 10);
        maps.slice(0).assign(-0.7); // uniform (sign does not matter)
        maps.putScalar(new long[] {1, 2, 3}, 4.0); // one-hot
        double[] v = {1, 2, 3, 4};
        INDArray hand = Nd4j.create(v, new long[] {1, 4}, DataType.DOUBLE);
        double[] g = new Sparseness().evaluate(maps.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))).values();
        assertThat(g[0]).isCloseTo(0.0, within(1e-15));
        assertThat(g[1]).isCloseTo((n - 1.0) / n, within(1e-15));
        // Gini of (1, 2, 3, 4): ((−3)·1 + (−1)·2 + 1·3 + 3·4) / (4 · 10) = 10 / 40
        assertThat(new Sparseness().evaluate(hand).value(0)).isCloseTo(0.25, within(1e-15));
        double[] e = new Complexity().evaluate(maps.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))).values();
        assertThat(e[0]).isCloseTo(Math.log(n), within(1e-12));
        assertThat(e[1]).isEqualTo(0.0);
        double h = 0;
        for (double x : v) {
            h -= x / 10 * Math.log(x / 10);
        }
        assertThat(new Complexity().evaluate(hand).value(0)).isCloseTo(h, within(1e-15));
        // the third row is all zeros: undefined, naming the row
        assertThatThrownBy(() -> new Sparseness().evaluate(maps)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("row 2");
        assertThatThrownBy(() -> new Complexity().evaluate(maps)).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("row 2");
    }

    @Test
    void aConcentratedMapIsSparserAndSimplerThanADiffuseOne() {
        INDArray maps = Nd4j.zeros(DataType.DOUBLE, 2, 8, 8);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                maps.putScalar(new long[] {0, r, c}, Math.exp(-((r - 4) * (r - 4) + (c - 4) * (c - 4)) / 2.0));
                maps.putScalar(new long[] {1, r, c}, Math.exp(-((r - 4) * (r - 4) + (c - 4) * (c - 4)) / 50.0));
            }
        }
        INDArray before = maps.dup();
        double[] gini = new Sparseness().evaluate(maps).values();
        double[] entropy = new Complexity().evaluate(maps).values();
        assertThat(gini[0]).isGreaterThan(gini[1]);
        assertThat(entropy[0]).isLessThan(entropy[1]);
        assertThat(maps).isEqualTo(before);
    }

    @Test
    void badInput() {
        INDArray nan = Nd4j.ones(DataType.DOUBLE, 2, 3);
        nan.putScalar(1, 1, Double.NaN);
        assertThatThrownBy(() -> new Sparseness().evaluate(nan)).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> new Complexity().evaluate(Nd4j.ones(DataType.DOUBLE, 4)))
                .isInstanceOf(InvalidShapeException.class);
    }
}
