package org.xai4j.perturbation.lime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.perturbation.TinyCnn;

/**
 * The surrogate fit against lime 0.2.0.0 itself: {@code anchor_reference.py} runs lime's
 * {@code LimeImageExplainer.explain_instance} (4×4 grid segmentation, {@code hide_color=None}, 500 samples,
 * seed 7) on the perturbation tests' CNN and records the design, scores and kernel weights lime fitted its
 * surrogate to, and lime's coefficients, intercept, R² ({@code score}) and local prediction. xai4j's ridge
 * (lime's default surrogate, {@code Ridge(alpha=1)}) on the same data must give the same numbers; lime's kernel
 * must be the one {@link Lime} uses.
 */
class LimeAnchorTest {
    static INDArray anchor(String name) {
        return TinyCnn.load("anchor", "lime_image_" + name);
    }

    static double[][] design() {
        INDArray d = anchor("design");
        double[][] z = new double[(int) d.size(0)][(int) d.size(1)];
        for (int i = 0; i < z.length; i++) {
            z[i] = d.getRow(i).toDoubleVector();
        }
        return z;
    }

    @Test
    void ridgeOnLimesSamplesGivesLimesExplanation() {
        double[][] z = design();
        double[] y = anchor("scores").toDoubleVector();
        double[] w = anchor("kernel_weights").toDoubleVector();
        double[] coef = anchor("coefficients").toDoubleVector();
        double[] fit = anchor("fit").toDoubleVector();  // intercept, R², local prediction
        LinearFit ours = WeightedRidge.fit(z, y, w, 1.0);
        double scale = 0;
        double diff = 0;
        for (int f = 0; f < coef.length; f++) {
            scale = Math.max(scale, Math.abs(coef[f]));
            diff = Math.max(diff, Math.abs(ours.coefficients()[f] - coef[f]));
        }
        System.out.printf("ridge vs lime 0.2.0.0: coefficients %.2e relative, intercept %.2e, R² %.2e, local %.2e%n",
                diff / scale, Math.abs(ours.intercept() - fit[0]), Math.abs(ours.r2() - fit[1]),
                Math.abs(ours.predict(z[0]) - fit[2]));
        assertThat(scale).isGreaterThan(0.1);
        assertThat(diff / scale).as("coefficients, relative").isLessThan(1e-9);
        assertThat(ours.intercept()).isCloseTo(fit[0], within(1e-9));
        assertThat(ours.r2()).as("lime's score (sklearn's weighted R²)").isCloseTo(fit[1], within(1e-9));
        assertThat(ours.predict(z[0])).as("lime's local_pred").isCloseTo(fit[2], within(1e-9));
        assertThat(fit[1]).isBetween(0.5, 0.99);
    }

    /**
     * lime's {@code LimeTabularExplainer} (quartile discretiser, defaults) on {@link LimeTabularTest#training()}
     * ({@code anchor/lime_tabular.json}): its scaler is mean 0, scale 1 for every column once discretised (so the
     * interpretable 0/1 values are not standardised), its kernel width is 0.75·√3, and its discretised names
     * of the two test instances are xai4j's.
     */
    @Test
    void tabularStatisticsAndNamesAreLimes() {
        java.util.Map<String, Object> doc;
        try (java.io.InputStream in = LimeAnchorTest.class.getResourceAsStream("/org/xai4j/perturbation/anchor/lime_tabular.json")) {
            doc = org.xai4j.core.util.Json.readObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        TabularStatistics stats = new TabularStatistics(LimeTabularTest.training().toDoubleMatrix(), new int[] {2}, true,
                java.util.List.of("age", "dose", "group"));
        assertThat(stats.scaleMean).containsExactly(doubles(doc.get("scalerMean")));
        assertThat(stats.scale).containsExactly(doubles(doc.get("scalerScale")));
        double[] d = doubles(doc.get("kernelDistances"));
        double[] k = doubles(doc.get("kernelWeights"));
        double width = 0.75 * Math.sqrt(3);  // lime's default, √columns · 0.75
        for (int i = 0; i < d.length; i++) {
            assertThat(Lime.kernel(d[i], width)).isCloseTo(k[i], within(1e-15));
        }
        LimeExplanation e = new LimeTabular(new LimeTabularTest.Step(), LimeTabularConfig.of(LimeTabularTest.training()).withCategorical(2).withSamples(50).withSeed(4)
                .withFeatureNames(java.util.List.of("age", "dose", "group")))
                .explain(LimeTabularTest.INSTANCE, org.xai4j.core.target.Target.classIndex(0));
        java.util.List<?> names = (java.util.List<?>) doc.get("names");
        for (int i = 0; i < 2; i++) {
            assertThat(e.row(i).featureNames()).containsExactlyElementsOf(
                    ((java.util.List<?>) names.get(i)).stream().map(Object::toString).toList());
        }
    }

    static double[] doubles(Object list) {
        return ((java.util.List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    @Test
    void limesKernelIsTheOneLimeUses() {
        // lime_image: cosine distance of each sample's on/off vector to the first (all on), weight √exp(−d²/0.25²);
        // Lime (xai4j) computes the same from the number of superpixels on (see LimeTest)
        double[][] z = design();
        double[] d = anchor("distances").toDoubleVector();
        double[] w = anchor("kernel_weights").toDoubleVector();
        assertThat(z[0]).containsOnly(1.0);
        for (int s = 0; s < z.length; s++) {
            int on = 0;
            for (double v : z[s]) {
                on += (int) v;
            }
            double cosine = on == 0 ? 1 : 1 - on / (Math.sqrt(on) * Math.sqrt(z[s].length));
            assertThat(d[s]).as("sample %d", s).isCloseTo(cosine, within(1e-12));
            assertThat(w[s]).isCloseTo(Math.sqrt(Math.exp(-cosine * cosine / 0.0625)), within(1e-12));
        }
    }
}
