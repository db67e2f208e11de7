package org.xai4j.metrics.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.UndefinedMetricException;

class AgreementTest {
    static INDArray random(long seed) {
        return Rng.seeded(seed).gaussian(DataType.DOUBLE, 1.0, 3, 9, 9);
    }

    static Map<String, INDArray> methods(long seed) {
        INDArray base = random(seed);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("saliency", base);
        m.put("ig", base.mul(2.0).add(random(seed + 1).mul(0.5)));
        m.put("noise", random(seed + 2));
        return m;
    }

    @Test
    void methodMatrixHoldsThePairwiseMeansAndIsSymmetric() {
        Map<String, INDArray> maps = methods(100);
        MapSimilarity pearson = MapSimilarity.pearson();
        AgreementMatrix m = Agreement.acrossMethods(maps, pearson);
        assertThat(m.rows()).containsExactly("saliency", "ig", "noise");
        for (String r : m.rows()) {
            for (String c : m.columns()) {
                assertThat(m.value(r, c)).isCloseTo(pearson.mean(maps.get(r), maps.get(c)), within(1e-15));
                assertThat(m.value(r, c)).isEqualTo(m.value(c, r));
                assertThat(m.values(r, c)).containsExactly(pearson.perRow(maps.get(r), maps.get(c)));
            }
            assertThat(m.value(r, r)).isCloseTo(1.0, within(1e-12));
        }
        assertThat(m.value("saliency", "ig")).isGreaterThan(0.9);
        assertThat(Math.abs(m.value("saliency", "noise"))).isLessThan(0.3);
        assertThat(m.toMap()).containsKeys("measure", "rows", "columns", "mean");
    }

    @Test
    void modelComparisonComparesEachMethodAcrossModels() {
        Map<String, INDArray> a = methods(200);
        Map<String, INDArray> b = new LinkedHashMap<>();
        // model B: reversed key order (must not matter), saliency unchanged, ig negated, noise fresh
        b.put("noise", random(999));
        b.put("ig", a.get("ig").neg());
        b.put("saliency", a.get("saliency").dup());
        ModelComparison mc = Agreement.acrossModels("A", a, "B", b, MapSimilarity.spearman());
        assertThat(mc.perMethod().keySet()).containsExactly("saliency", "ig", "noise");
        assertThat(mc.perMethod().get("saliency")).isCloseTo(1.0, within(1e-12));
        assertThat(mc.perMethod().get("ig")).isCloseTo(-1.0, within(1e-12));
        assertThat(mc.across().value("saliency", "ig"))
                .isCloseTo(MapSimilarity.spearman().mean(a.get("saliency"), b.get("ig")), within(1e-15));
        assertThat(mc.withinB().value("ig", "saliency"))
                .isCloseTo(MapSimilarity.spearman().mean(b.get("ig"), b.get("saliency")), within(1e-15));
        assertThat(mc.toMap()).containsKeys("withinA", "withinB", "across", "perMethod");
    }

    @Test
    void undefinedRowsFailOrAreSkippedOnRequest() {
        Map<String, INDArray> maps = methods(300);
        INDArray flat = maps.get("noise").dup();
        flat.slice(2).assign(1.0);
        maps.put("noise", flat);
        assertThatThrownBy(() -> Agreement.acrossMethods(maps, MapSimilarity.pearson()))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("'noise'").hasMessageContaining("row 2");
        AgreementMatrix m = Agreement.acrossMethods(maps, MapSimilarity.pearson(), Agreement.WhenUndefined.SKIP_ROW);
        double[] v = m.values("saliency", "noise");
        assertThat(v[2]).isNaN();
        assertThat(m.value("saliency", "noise")).isCloseTo((v[0] + v[1]) / 2, within(1e-15));
        assertThat(m.definedRows(0, 2)).isEqualTo(2);
    }

    @Test
    void badInputIsRejected() {
        Map<String, INDArray> maps = methods(400);
        maps.put("small", Rng.seeded(1).gaussian(DataType.DOUBLE, 1, 3, 9, 8));
        assertThatThrownBy(() -> Agreement.acrossMethods(maps, MapSimilarity.pearson()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("'small'");
        Map<String, INDArray> a = methods(1);
        Map<String, INDArray> b = new LinkedHashMap<>(methods(2));
        b.remove("ig");
        assertThatThrownBy(() -> Agreement.acrossModels("A", a, "B", b, MapSimilarity.pearson()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("same methods");
        assertThatThrownBy(() -> Agreement.acrossMethods(Map.of(), MapSimilarity.pearson()))
                .isInstanceOf(InvalidConfigException.class);
        AgreementMatrix m = Agreement.acrossMethods(methods(3), MapSimilarity.cosine());
        assertThatThrownBy(() -> m.value("salency", "ig")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("saliency");
        // the result owns its arrays
        double[][] mean = m.mean();
        mean[0][1] = 42;
        assertThat(m.mean()[0][1]).isNotEqualTo(42);
        assertThat(List.of(m.perRow()[0][1])).isNotNull();
    }
}
