package org.xai4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.metrics.sanity.RandomLogit;
import org.xai4j.metrics.sanity.RandomLogitConfig;
import org.xai4j.viz.report.ReportSection;

/**
 * The demo report's table of faithfulness and sanity metrics per method, all computed by xai-metrics:
 * deletion and insertion AUC (mean over the images) and the random-logit test (Spearman similarity of the
 * map for the explained class and for a random other class) on the first {@link #SANITY_IMAGES} images,
 * which is what the demo can afford (two more explanations per image and method).
 */
final class DemoMetrics {
    /** How many images the random-logit test runs on. */
    static final int SANITY_IMAGES = 2;

    private DemoMetrics() {
    }

    /**
     * The table section.
     *
     * @param aucs per method {deletion AUC, insertion AUC}, means over the images
     */
    static ReportSection table(PredictionFunction model, Map<String, Explainer<INDArray, ? extends Explanation>> explainers,
            INDArray xs, int[] explained, Map<String, double[]> aucs, int images) {
        int sanity = Math.min(SANITY_IMAGES, images);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : aucs.entrySet()) {
            Explainer<INDArray, ? extends Explanation> explainer = explainers.get(e.getKey());
            double sum = 0;
            int n = 0;
            for (int k = 0; k < sanity; k++) {
                RandomLogit test = new RandomLogit(RandomLogitConfig.DEFAULTS.withSeed(k));
                double s = test.evaluate(model, (input, target) -> MethodEntry.values(explainer.explain(input, target)),
                        Batching.rows(xs, k, k + 1).dup(), Target.classIndex(explained[k])).similarity().values()[0];
                if (Double.isFinite(s)) {
                    sum += s;
                    n++;
                }
            }
            rows.add(List.of(e.getKey(), num(e.getValue()[0]), num(e.getValue()[1]), n == 0 ? "undefined" : num(sum / n)));
        }
        return ReportSection.table("Faithfulness and sanity",
                List.of("method", "deletion AUC (lower is better)", "insertion AUC (higher is better)",
                        "random-logit similarity (lower is better)"),
                rows, String.format(Locale.ROOT, "Computed by xai-metrics. Deletion and insertion: logit of the explained class "
                        + "as 28-pixel steps of the map's most relevant pixels are removed (set to 0) or put back, area under "
                        + "the curve, mean over the %d images. Random logit (Sixt et al. 2020): Spearman correlation between the "
                        + "map for the explained class and the map for a random other class, mean over the first %d image(s); "
                        + "near 1 means the map ignores the class.", images, sanity));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
