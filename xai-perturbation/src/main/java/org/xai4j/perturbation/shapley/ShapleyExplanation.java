package org.xai4j.perturbation.shapley;

import java.util.List;
import org.xai4j.core.Attribution;
import org.xai4j.perturbation.RowsExplanation;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * Shapley (or Owen) values per feature for every input row, with the feature masks, the game's value of
 * the empty coalition (the base value, shap's {@code expected_value}) and of the full coalition (the
 * model's score on the input), and an {@link Attribution} of the input's shape in which every element
 * holds its feature's value. The attribution's convergence delta is Σ values − (full − base) per row.
 */
public final class ShapleyExplanation extends RowsExplanation<ShapleyExplanation.Row> {
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

    /**
     * An explanation from its rows and their spread values.
     *
     * @param rows        one result per input row, in input order; copied
     * @param attribution the values spread over the input's shape, with the convergence delta and provenance
     */
    public ShapleyExplanation(List<Row> rows, Attribution attribution) {
        super(rows, attribution);
    }
}
