package org.xai4j.metrics.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
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

    /** The "gaussian" pair of similarity_refs.json: 3 rows of 24×30 with scipy's per-row values. */
    static SimilarityReferenceTest.Case scipyCase() {
        return SimilarityReferenceTest.cases().stream().filter(c -> c.name().equals("gaussian")).findFirst().orElseThrow();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void methodMatrixHoldsThePairwiseMeansAndIsSymmetric() {
        // Expected values from scipy 1.10 (pearsonr per row, make_similarity_refs.py) and from the identity
        // pearson(u, −v) = −pearson(u, v); r(u, u) = 1.
        SimilarityReferenceTest.Case c = scipyCase();
        double[] scipy = c.expected().get("pearson");
        Map<String, INDArray> maps = new LinkedHashMap<>();
        maps.put("a", c.a());
        maps.put("b", c.b());
        maps.put("minus a", c.a().neg());
        AgreementMatrix m = Agreement.acrossMethods(maps, MapSimilarity.pearson());
        assertThat(m.rows()).containsExactly("a", "b", "minus a");
        assertThat(m.columns()).containsExactly("a", "b", "minus a");
        for (int i = 0; i < 3; i++) {
            assertThat(m.values("a", "b")[i]).isCloseTo(scipy[i], within(1e-10));
            assertThat(m.values("b", "minus a")[i]).isCloseTo(-scipy[i], within(1e-10));
            assertThat(m.values("a", "minus a")[i]).isCloseTo(-1.0, within(1e-12));
        }
        assertThat(m.value("a", "b")).isCloseTo(mean(scipy), within(1e-10));
        assertThat(m.value("minus a", "b")).isCloseTo(-mean(scipy), within(1e-10));
        for (String r : m.rows()) {
            for (String col : m.columns()) {
                assertThat(m.value(r, col)).isEqualTo(m.value(col, r));
            }
            assertThat(m.value(r, r)).isCloseTo(1.0, within(1e-12));
        }
        assertThat(mean(scipy)).isBetween(0.5, 0.95);
        assertThat(m.toMap()).containsKeys("measure", "rows", "columns", "mean");
    }

    @Test
    void modelComparisonComparesEachMethodAcrossModels() {
        // scipy's spearmanr per row (no ties in these Gaussian maps, so ranks of −v are the reversed ranks of v)
        SimilarityReferenceTest.Case c = scipyCase();
        double rho = mean(c.expected().get("spearman"));
        Map<String, INDArray> a = new LinkedHashMap<>();
        a.put("saliency", c.a());
        a.put("ig", c.b());
        Map<String, INDArray> b = new LinkedHashMap<>();
        // model B: reversed key order (must not matter), saliency unchanged, ig negated
        b.put("ig", c.b().neg());
        b.put("saliency", c.a().dup());
        ModelComparison mc = Agreement.acrossModels("A", a, "B", b, MapSimilarity.spearman());
        assertThat(mc.perMethod().keySet()).containsExactly("saliency", "ig");
        assertThat(mc.perMethod().get("saliency")).isCloseTo(1.0, within(1e-12));
        assertThat(mc.perMethod().get("ig")).isCloseTo(-1.0, within(1e-12));
        assertThat(mc.across().value("saliency", "ig")).isCloseTo(-rho, within(1e-10));
        assertThat(mc.withinA().value("saliency", "ig")).isCloseTo(rho, within(1e-10));
        assertThat(mc.withinB().value("ig", "saliency")).isCloseTo(-rho, within(1e-10));
        assertThat(rho).isBetween(0.5, 0.95);
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
        double[][][] rows = m.perRow();
        double before = rows[0][1][0];
        rows[0][1][0] = 42;
        assertThat(m.perRow()[0][1][0]).isEqualTo(before);
        assertThat(m.values(m.rows().get(0), m.columns().get(1))[0]).isEqualTo(before);
    }
}
