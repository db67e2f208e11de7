package org.xai4j.perturbation.lime;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;

class LimeTabularTest {
    /** 100 training rows: column 0 = 0..99, column 1 = (7i mod 100) / 10, column 2 a category in {0, 1, 2}. */
    static INDArray training() {
        double[][] t = new double[100][3];
        for (int i = 0; i < 100; i++) {
            t[i][0] = i;
            t[i][1] = (7 * i % 100) / 10.0;
            t[i][2] = i % 3;
        }
        return Nd4j.create(t);
    }

    static final INDArray INSTANCE = Nd4j.create(new double[][] {{80, 3.3, 1}, {10, 9.5, 2}});

    /** Scores 1 when column 0 exceeds 60 (class 0), and records every row it sees. */
    static final class Step implements PredictionFunction {
        final List<double[]> seen = new ArrayList<>();

        @Override
        public INDArray predict(INDArray in) {
            double[][] rows = in.toDoubleMatrix();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                seen.add(rows[i]);
                out[i] = rows[i][0] > 60 ? 1.0 : 0.0;
            }
            return Nd4j.create(out, new long[] {rows.length, 1}, DataType.DOUBLE);
        }
    }

    @Test
    void quartileRulesAreNamedAndTheRelevantColumnDominates() {
        Step model = new Step();
        LimeTabularConfig cfg = LimeTabularConfig.of(training()).withCategorical(2).withSamples(2000).withSeed(4)
                .withFeatureNames(List.of("age", "dose", "group"));
        LimeExplanation e = new LimeTabular(model, cfg).explain(INSTANCE, Target.classIndex(0));
        // numpy linear percentiles of 0..99: 24.75, 49.5, 74.25 (80 lies above the third); of 0, 0.1, …, 9.9:
        // 2.475, 4.95, 7.425 (3.3 lies in the second bin).
        assertThat(e.row(0).featureNames()).containsExactly("age > 74.25", "2.48 < dose <= 4.95", "group=1");
        assertThat(e.row(1).featureNames()).containsExactly("age <= 24.75", "dose > 7.43", "group=2");
        for (int i = 0; i < 2; i++) {
            double[] w = e.row(i).weights();
            assertThat(Math.abs(w[0])).isGreaterThan(10 * Math.abs(w[1])).isGreaterThan(10 * Math.abs(w[2]));
            assertThat(e.row(i).topFeatures(1)).containsExactly(0);
        }
        // Being in the instance's top bin keeps the score at 1; the first row's weight on "age > 74.25" is positive.
        assertThat(e.row(0).weights()[0]).isPositive();
        assertThat(e.attribution().values().shape()).containsExactly(2, 3);
        assertThat(e.attribution().values().getDouble(1, 0)).isEqualTo(e.row(1).weights()[0]);
    }

    @Test
    void samplesStayInTheirBinsAndRowZeroIsTheInstance() {
        Step model = new Step();
        LimeTabularConfig cfg = LimeTabularConfig.of(training()).withCategorical(2).withSamples(500).withSeed(8);
        LimeExplanation e = new LimeTabular(model, cfg).explain(INSTANCE.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup(),
                Target.classIndex(0));
        List<double[]> samples = model.seen.subList(1, model.seen.size());
        assertThat(samples).hasSize(500);
        assertThat(samples.get(0)).containsExactly(80, 3.3, 1);
        double[][] design = e.row(0).design();
        for (int s = 1; s < 500; s++) {
            double age = samples.get(s)[0];
            assertThat(age).isBetween(0.0, 99.0);
            // The interpretable value is 1 (same bin as the instance) or 0, not standardised (lime's scaler is reset
            // to mean 0, scale 1 for binned columns; LimeAnchorTest): equal to row 0's value exactly when in the same bin.
            boolean sameBin = age > 74.25;
            assertThat(design[s][0] == design[0][0]).as("sample %d age %f", s, age).isEqualTo(sameBin);
            assertThat(design[s][0]).isEqualTo(sameBin ? 1.0 : 0.0);
            assertThat(samples.get(s)[2]).isIn(0.0, 1.0, 2.0);
        }
        // The reported surrogate and R² are the ridge fit (alpha 1) of the returned samples.
        LimeTest.isTheRidgeFitOfItsSamples(e.row(0), 1.0);
    }

    @Test
    void sameSeedSameBitsAndContinuousColumnsWithoutDiscretisation() {
        LimeTabularConfig b = LimeTabularConfig.of(training()).withCategorical(2).withSamples(300).withSeed(2);
        PredictionFunction lin = PredictionFunction.of("lin", in -> in.mmul(Nd4j.create(new double[] {0.1, -2, 0}, new long[] {3, 1}, DataType.DOUBLE)));
        double[] a = new LimeTabular(lin, b).explain(INSTANCE, Target.classIndex(0)).row(1).weights();
        double[] again = new LimeTabular(lin, b.withBatch(BatchPolicy.ofRows(3))).explain(INSTANCE, Target.classIndex(0)).row(1).weights();
        assertThat(again).containsExactly(a);
        // Without discretisation a linear model in the continuous columns is fitted exactly (R² = 1) and the
        // weights are the slopes times the columns' standard deviations (the surrogate sees standardised values).
        LimeExplanation c = new LimeTabular(lin, b.withDiscretize(false).withSurrogate(Surrogate.RIDGE, 1e-9)).explain(INSTANCE, Target.classIndex(0));
        double sd0 = Math.sqrt((100 * 100 - 1) / 12.0);
        assertThat(c.row(0).r2()).isCloseTo(1.0, within(1e-9));
        assertThat(c.row(0).weights()[0]).isCloseTo(0.1 * sd0, within(1e-6));
        assertThat(c.row(0).featureNames()).containsExactly("x0", "x1", "x2=1");
    }

    @Test
    void badConfigurationsAndInputsAreRefused() {
        Step model = new Step();
        LimeTabular lt = new LimeTabular(model, LimeTabularConfig.of(training()));
        assertThatThrownBy(() -> lt.explain(Nd4j.zeros(2, 4), Target.classIndex(0))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("[*, 3]");
        assertThatThrownBy(() -> LimeTabularConfig.of(training()).withCategorical(5))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("categorical column 5");
        assertThatThrownBy(() -> LimeTabularConfig.of(null)).isInstanceOf(InvalidShapeException.class);
        assertThat(model.seen).isEmpty();
    }
}
