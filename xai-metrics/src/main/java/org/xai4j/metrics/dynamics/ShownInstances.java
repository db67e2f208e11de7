package org.xai4j.metrics.dynamics;

import org.xai4j.core.InvalidConfigException;

/**
 * The rows of a confusion-evolution view: for each shown instance, its predicted class after every epoch, its label
 * and its {@link TrainingDynamics} numbers, in the order the instances were chosen. The arrays are the record's own
 * (not views of the history).
 *
 * @param predictions per shown instance, the class predicted after each epoch (rows × epochs)
 * @param labels per shown instance, its true class
 * @param frequency per shown instance, {@link TrainingDynamics#frequency()}
 * @param variability per shown instance, {@link TrainingDynamics#variability()}
 * @param misclassificationRate per shown instance, {@link TrainingDynamics#misclassificationRate()}
 */
public record ShownInstances(int[][] predictions, int[] labels, double[] frequency, int[] variability,
                             double[] misclassificationRate) {

    /**
     * The rows of instances {@code shown} of {@code history}, whose summary is {@code dynamics}.
     *
     * @param history the recorded predictions
     * @param dynamics {@code history}'s summary
     * @param shown instance numbers in [0, N), in display order
     * @return the rows
     * @throws InvalidConfigException if the dynamics are not of a history of this size or an instance is out of range
     */
    public static ShownInstances of(TrainingHistory history, TrainingDynamics dynamics, int[] shown) {
        if (dynamics.size() != history.size() || dynamics.epochs() != history.epochs()) {
            throw new InvalidConfigException("the dynamics summarise " + dynamics.size() + " instances over "
                    + dynamics.epochs() + " epochs but the history has " + history.size() + " over "
                    + history.epochs());
        }
        int e = history.epochs();
        double[] freq = dynamics.frequency();
        int[] var = dynamics.variability();
        double[] wrong = dynamics.misclassificationRate();
        int[][] rows = new int[shown.length][e];
        int[] labels = new int[shown.length];
        double[] f = new double[shown.length];
        int[] v = new int[shown.length];
        double[] w = new double[shown.length];
        for (int r = 0; r < shown.length; r++) {
            int i = shown[r];
            if (i < 0 || i >= history.size()) {
                throw new InvalidConfigException("shown instance " + i + " is outside [0, " + history.size() + ")");
            }
            for (int t = 0; t < e; t++) {
                rows[r][t] = history.prediction(t, i);
            }
            labels[r] = history.label(i);
            f[r] = freq[i];
            v[r] = var[i];
            w[r] = wrong[i];
        }
        return new ShownInstances(rows, labels, f, v, w);
    }
}
