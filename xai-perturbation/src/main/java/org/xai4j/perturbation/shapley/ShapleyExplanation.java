package org.xai4j.perturbation.shapley;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.MappedExplanation;
import org.xai4j.core.Provenance;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * Shapley (or Owen) values per feature for every input row, with the feature masks, the game's value of
 * the empty coalition (the base value, shap's {@code expected_value}) and of the full coalition (the
 * model's score on the input), and an {@link Attribution} of the input's shape in which every element
 * holds its feature's value. The attribution's convergence delta is Σ values − (full − base) per row.
 */
public final class ShapleyExplanation implements MappedExplanation {
    /**
     * One row's result.
     *
     * @param mask        the row's features
     * @param values      one value per feature
     * @param baseValue   the value of the empty coalition v(∅)
     * @param fullValue   the value of the full coalition v(N), the score of the input
     * @param evaluations model rows evaluated for this row
     */
    public record Row(FeatureMask mask, double[] values, double baseValue, double fullValue, long evaluations) {
        /**
         * Copies {@code values}.
         *
         * @param mask        the row's features
         * @param values      one value per feature, indexed by compacted feature; not null
         * @param baseValue   the value of the empty coalition v(∅)
         * @param fullValue   the value of the full coalition v(N)
         * @param evaluations model rows evaluated for this row
         */
        public Row {
            values = values.clone();
        }

        /**
         * The Shapley (or Owen) value of every feature.
         *
         * @return a copy, F values in units of the model's target score, indexed by compacted feature
         */
        @Override
        public double[] values() {
            return values.clone();
        }

        /**
         * Σ values − (full − base): zero up to rounding for an efficient method.
         *
         * @return the gap, in units of the model's target score; sampling methods leave a nonzero gap
         */
        public double efficiencyGap() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s - (fullValue - baseValue);
        }
    }

    private final List<Row> rows;
    private final Attribution attribution;

    /**
     * An explanation from its rows and their spread values.
     *
     * @param rows        one result per input row, in input order; copied
     * @param attribution the values spread over the input's shape, with the convergence delta and provenance
     */
    public ShapleyExplanation(List<Row> rows, Attribution attribution) {
        this.rows = List.copyOf(rows);
        this.attribution = attribution;
    }

    /**
     * Every row's result.
     *
     * @return an unmodifiable list of N rows, in input order
     */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Row {@code i}'s result.
     *
     * @param i the input row, in [0, N)
     * @return the row's values, mask, base and full value
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public Row row(int i) {
        return rows.get(i);
    }

    /**
     * The values spread over the input's shape.
     *
     * @return an attribution of the input's shape in which every element holds its feature's value
     */
    public Attribution attribution() {
        return attribution;
    }

    /** The values spread over the input's shape, as {@link #attribution()}'s values. */
    @Override
    public INDArray map() {
        return attribution.values();
    }

    @Override
    public Provenance provenance() {
        return attribution.provenance();
    }

    @Override
    public String toString() {
        return "ShapleyExplanation(" + rows.size() + " rows) by " + provenance().method();
    }
}
