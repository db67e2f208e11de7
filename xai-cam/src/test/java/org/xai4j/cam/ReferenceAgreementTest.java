package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.LayeredModel;

/**
 * Every method, over both reference models and many settings, against the independent PyTorch/numpy
 * implementation in {@code src/test/python/cam_reference.py}: max |java − torch| ≤ 10⁻⁴ · max |torch|.
 */
class ReferenceAgreementTest {
    static final double TOLERANCE = 1e-4;
    private static final Map<String, Double> WORST = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> agreesWithPyTorch() {
        LayeredModel tiny = Reference.tiny();
        LayeredModel seg = Reference.segmenter();
        return Reference.cases().stream().map(c -> DynamicTest.dynamicTest((String) c.get("id"), () -> {
            String model = (String) c.get("model");
            AbstractCam cam = method((String) c.get("method")).create(model.equals("tiny") ? tiny : seg, Reference.config(c));
            INDArray input = Reference.input(model);
            INDArray got = cam.explain(input, Reference.target((String) c.get("target"))).map();
            Npz.Array expected = Reference.EXPECTED.get((String) c.get("file"));
            assertThat(got.shape()).containsExactly(expected.shape());
            double[] g = MapOps.doubles(got);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < g.length; i++) {
                scale = Math.max(scale, Math.abs(expected.data()[i]));
                diff = Math.max(diff, Math.abs(g[i] - expected.data()[i]));
            }
            assertThat(scale).as("reference map is not all zeros").isGreaterThan(0);
            double rel = diff / scale;
            synchronized (WORST) {
                WORST.put((String) c.get("id"), rel);
            }
            assertThat(rel).as("%s: max relative difference to PyTorch", c.get("id")).isLessThanOrEqualTo(TOLERANCE);
        }));
    }

    @AfterAll
    static void report() {
        Map<String, Double> byMethod = new TreeMap<>();
        WORST.forEach((id, rel) -> byMethod.merge(id.split("/")[1], rel, Math::max));
        System.out.println("worst relative difference to PyTorch per method over " + WORST.size() + " cases: " + byMethod);
    }

    /** The generator's method key: a {@link CamMethod}'s name, or its constant in kebab case ({@code grad-cam}). */
    private static CamMethod method(String key) {
        for (CamMethod m : CamMethod.values()) {
            if (m.methodName().equals(key) || m.name().equals(key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))) {
                return m;
            }
        }
        throw new AssertionError("no CAM method for reference key '" + key + "'");
    }
}
