package org.xai4j.metrics.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Json;

/**
 * Every measure against scikit-image 0.19 / scipy 1.10 on the committed arrays written by
 * {@code src/test/python/make_similarity_refs.py}: agreement to 1e-6 or better.
 */
class SimilarityReferenceTest {
    static final double TOL = 1e-10; // measured agreement: better than 1e-13 on every case

    record Case(String name, INDArray a, INDArray b, Map<String, double[]> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, MapSimilarity> MEASURES = new LinkedHashMap<>();

    static {
        MEASURES.put("ssim", MapSimilarity.ssim());
        MEASURES.put("ssim_gaussian", new Ssim(SsimConfig.DEFAULTS.withGaussian(1.5)));
        MEASURES.put("ssim_range5", new Ssim(SsimConfig.DEFAULTS.withDataRange(5.0)));
        MEASURES.put("ssim_population_cov", new Ssim(SsimConfig.DEFAULTS.withSampleCovariance(false)));
        MEASURES.put("pearson", MapSimilarity.pearson());
        MEASURES.put("spearman", MapSimilarity.spearman());
        MEASURES.put("kendall", MapSimilarity.kendall());
        MEASURES.put("cosine", MapSimilarity.cosine());
        MEASURES.put("mad", MapSimilarity.meanAbsoluteDifference());
        MEASURES.put("topk_0.1", MapSimilarity.topKJaccard(0.1));
        MEASURES.put("topk_0.25", MapSimilarity.topKJaccard(0.25));
        MEASURES.put("topk_0.03125", MapSimilarity.topKJaccard(0.03125));
        MEASURES.put("threshold_above_0.5", ThresholdJaccard.above(0.5));
        MEASURES.put("threshold_abs_above_1", ThresholdJaccard.absoluteAbove(1.0));
        MEASURES.put("threshold_rel_0.5", ThresholdJaccard.relativeToMax(0.5));
    }

    static List<Case> cases() {
        try (InputStream in = SimilarityReferenceTest.class.getResourceAsStream("similarity_refs.json")) {
            Map<String, Object> doc = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Case> out = new ArrayList<>();
            for (Object o : (List<?>) doc.get("cases")) {
                Map<?, ?> c = (Map<?, ?>) o;
                long[] shape = ((List<?>) c.get("shape")).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
                Map<String, double[]> expected = new LinkedHashMap<>();
                ((Map<?, ?>) c.get("expected")).forEach((k, v) -> expected.put((String) k, doubles(v)));
                out.add(new Case((String) c.get("name"), Nd4j.create(doubles(c.get("a")), shape, DataType.DOUBLE),
                        Nd4j.create(doubles(c.get("b")), shape, DataType.DOUBLE), expected));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    static Stream<Arguments> caseAndMeasure() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (String m : MEASURES.keySet()) {
                out.add(Arguments.of(c, m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("caseAndMeasure")
    void matchesReference(Case c, String measure) {
        double[] expected = c.expected().get(measure);
        assertThat(expected).as("reference for " + measure).isNotNull();
        INDArray a0 = c.a().dup();
        INDArray b0 = c.b().dup();
        double[] got = MEASURES.get(measure).perRow(c.a(), c.b());
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as(c.name() + " " + measure + " row " + i).isCloseTo(expected[i], within(TOL));
        }
        assertThat(c.a()).isEqualTo(a0);
        assertThat(c.b()).isEqualTo(b0);
    }

    @Test
    void everyReferenceHasAMeasure() {
        for (Case c : cases()) {
            assertThat(MEASURES.keySet()).containsExactlyInAnyOrderElementsOf(c.expected().keySet());
        }
    }

    @Test
    void floatInputGivesTheSameAsDoubleUpToFloatRounding() {
        Case c = cases().get(0);
        double[] d = MapSimilarity.ssim().perRow(c.a(), c.b());
        double[] f = MapSimilarity.ssim().perRow(c.a().castTo(DataType.FLOAT), c.b().castTo(DataType.FLOAT));
        for (int i = 0; i < d.length; i++) {
            assertThat(f[i]).isCloseTo(d[i], within(1e-5));
        }
    }
}
