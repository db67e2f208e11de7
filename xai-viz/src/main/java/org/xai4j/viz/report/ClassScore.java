package org.xai4j.viz.report;

import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.NonFiniteValueException;

/**
 * A class and its predicted probability.
 *
 * @param label       class name
 * @param probability in [0, 1]
 */
public record ClassScore(String label, double probability) {
    /**
     * Checks the values.
     *
     * @param label class name
     * @param probability in [0, 1]
     * @throws org.xai4j.core.InvalidConfigException if {@code label} is null or {@code probability} is outside
     *     [0, 1]
     * @throws org.xai4j.core.NonFiniteValueException if {@code probability} is NaN or infinite
     */
    public ClassScore {
        if (label == null) {
            throw new InvalidConfigException("class label must not be null");
        }
        if (!Double.isFinite(probability)) {
            throw new NonFiniteValueException("probability of '" + label + "' is " + probability);
        }
        if (probability < 0 || probability > 1) {
            throw new InvalidConfigException("probability of '" + label + "' must lie in [0, 1] but was " + probability);
        }
    }

    /**
     * The {@code k} largest of {@code probabilities}, named by {@code labels}, largest first (ties: lower index).
     *
     * @param labels the class names
     * @param probabilities one probability per class
     * @param k how many
     * @return at most {@code k} scores
     * @throws org.xai4j.core.InvalidShapeException if there are not as many labels as probabilities
     */
    public static java.util.List<ClassScore> topK(java.util.List<String> labels, double[] probabilities, int k) {
        if (labels.size() != probabilities.length) {
            throw new org.xai4j.core.InvalidShapeException(labels.size() + " labels for " + probabilities.length + " probabilities");
        }
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.<Integer>comparingDouble(i -> -probabilities[i]).thenComparingInt(i -> i));
        java.util.List<ClassScore> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            out.add(new ClassScore(labels.get(order[i]), probabilities[order[i]]));
        }
        return out;
    }
}
