package org.xai4j.concepts.tcav;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.Explanation;
import org.xai4j.core.Provenance;

/**
 * A TCAV test of one concept for one target over a set of inputs.
 *
 * @param concept           the concept's name
 * @param layer             the layer
 * @param target            the target (after resolution)
 * @param scores            TCAV score of the concept's CAV against each random set (fraction of inputs whose target
 *                          score has a positive directional derivative along the CAV)
 * @param magnitudes        the signed-magnitude variant of each: Σ max(d, 0) / Σ |d|
 * @param randomScores      TCAV scores of the random-vs-random CAVs (random set (i + 1) mod M against random set i)
 * @param randomMagnitudes  their magnitude variant
 * @param cavAccuracies     held-out accuracy of each concept CAV
 * @param randomCavAccuracies held-out accuracy of each random-vs-random CAV
 * @param pValue            two-sided Student t-test of {@code scores} against {@code randomScores}
 * @param threshold         alpha / comparisons (Bonferroni)
 * @param inputs            the number of inputs scored
 * @param provenance        how it was made
 */
public record TcavResult(String concept, String layer, String target, double[] scores, double[] magnitudes,
                         double[] randomScores, double[] randomMagnitudes, double[] cavAccuracies,
                         double[] randomCavAccuracies, double pValue, double threshold, int inputs,
                         Provenance provenance) implements Explanation {
    /**
     * Copies the mutable arguments, so that later changes by the caller do not reach this record.
     *
     * @param concept the concept's name
     * @param layer the layer
     * @param target the target (after resolution)
     * @param scores TCAV score of the concept's CAV against each random set (fraction of inputs whose target
     *     score has a positive directional derivative along the CAV)
     * @param magnitudes the signed-magnitude variant of each: Σ max(d, 0) / Σ |d|
     * @param randomScores TCAV scores of the random-vs-random CAVs (random set (i + 1) mod M against random set
     *     i)
     * @param randomMagnitudes their magnitude variant
     * @param cavAccuracies held-out accuracy of each concept CAV
     * @param randomCavAccuracies held-out accuracy of each random-vs-random CAV
     * @param pValue two-sided Student t-test of {@code scores} against {@code randomScores}
     * @param threshold alpha / comparisons (Bonferroni)
     * @param inputs the number of inputs scored
     * @param provenance how it was made
     */
    public TcavResult {
        scores = scores.clone();
        magnitudes = magnitudes.clone();
        randomScores = randomScores.clone();
        randomMagnitudes = randomMagnitudes.clone();
        cavAccuracies = cavAccuracies.clone();
        randomCavAccuracies = randomCavAccuracies.clone();
    }

    /**
     * The mean TCAV score over the random sets.
     *
     * @return the mean, in [0, 1]
     */
    public double mean() {
        return Stats.mean(scores);
    }

    /**
     * The sample standard deviation of the scores.
     *
     * @return the standard deviation, at least 0
     */
    public double std() {
        return Stats.std(scores);
    }

    /**
     * The mean random-vs-random score.
     *
     * @return the mean, in [0, 1]
     */
    public double randomMean() {
        return Stats.mean(randomScores);
    }

    /**
     * The mean held-out accuracy of the concept CAVs.
     *
     * @return the mean accuracy, in [0, 1]
     */
    public double cavAccuracy() {
        return Stats.mean(cavAccuracies);
    }

    /**
     * Whether p &lt; alpha / comparisons.
     *
     * @return true when the concept's scores differ significantly from the random ones
     */
    public boolean significant() {
        return pValue < threshold;
    }

    /**
     * The fields as JSON-ready values (snake_case keys, the CLI's {@code tcav.json}).
     *
     * @return a new insertion-ordered map of plain values
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("concept", concept);
        m.put("layer", layer);
        m.put("target", target);
        m.put("inputs", inputs);
        m.put("scores", Stats.list(scores));
        m.put("mean", mean());
        m.put("std", std());
        m.put("magnitudes", Stats.list(magnitudes));
        m.put("random_scores", Stats.list(randomScores));
        m.put("random_mean", randomMean());
        m.put("random_magnitudes", Stats.list(randomMagnitudes));
        m.put("p_value", pValue);
        m.put("threshold", threshold);
        m.put("significant", significant());
        m.put("cav_accuracy", cavAccuracy());
        m.put("cav_accuracies", Stats.list(cavAccuracies));
        m.put("random_cav_accuracies", Stats.list(randomCavAccuracies));
        m.put("provenance", provenance.toMap());
        return m;
    }
}
