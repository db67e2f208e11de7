package org.xai4j.perturbation.lime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.xai4j.core.util.Rng;

/**
 * What {@link LimeTabular} learns from the training data, following lime's {@code LimeTabularExplainer}
 * and {@code QuartileDiscretizer}: per continuous column the distinct quartiles (numpy's linear
 * percentiles 25/50/75), the bin of a value being the number of quartiles strictly below it; per bin the
 * training values' mean, standard deviation, minimum and maximum; per categorical (or binned) column the
 * values and their frequencies; and, for continuous columns, the training column's mean and standard deviation
 * (lime's {@code StandardScaler}, a zero deviation read as 1; lime resets it to mean 0 and scale 1 for
 * categorical and binned columns, whose interpretable values stay 0/1).
 */
final class TabularStatistics {
    enum Kind { CATEGORICAL, BINNED, CONTINUOUS }

    /** One batch of samples: model inputs, interpretable values and names. */
    record Samples(double[][] inputs, double[][] interpretable) {
    }

    final int columns;
    final Kind[] kind;
    final List<String> names;
    private final double[][] values;
    private final double[][] cumulative;
    private final double[][] quartiles;
    private final double[][] binMean;
    private final double[][] binStd;
    private final double[][] binMin;
    private final double[][] binMax;
    final double[] scaleMean;
    final double[] scale;

    TabularStatistics(double[][] training, int[] categorical, boolean discretize, List<String> featureNames) {
        int m = training.length;
        columns = training[0].length;
        kind = new Kind[columns];
        boolean[] isCat = new boolean[columns];
        for (int c : categorical) {
            isCat[c] = true;
        }
        names = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            names.add(featureNames == null ? "x" + j : featureNames.get(j));
            kind[j] = isCat[j] ? Kind.CATEGORICAL : discretize ? Kind.BINNED : Kind.CONTINUOUS;
        }
        values = new double[columns][];
        cumulative = new double[columns][];
        quartiles = new double[columns][];
        binMean = new double[columns][];
        binStd = new double[columns][];
        binMin = new double[columns][];
        binMax = new double[columns][];
        scaleMean = new double[columns];
        scale = new double[columns];
        for (int j = 0; j < columns; j++) {
            double[] col = new double[m];
            for (int i = 0; i < m; i++) {
                col[i] = training[i][j];
            }
            double[] transformed = col;
            if (kind[j] == Kind.BINNED) {
                double[] sorted = col.clone();
                Arrays.sort(sorted);
                double[] q = {percentile(sorted, 25), percentile(sorted, 50), percentile(sorted, 75)};
                quartiles[j] = Arrays.stream(q).distinct().sorted().toArray();
                int bins = quartiles[j].length + 1;
                transformed = new double[m];
                binMean[j] = new double[bins];
                binStd[j] = new double[bins];
                int[] count = new int[bins];
                for (int i = 0; i < m; i++) {
                    int b = bin(j, col[i]);
                    transformed[i] = b;
                    binMean[j][b] += col[i];
                    count[b]++;
                }
                for (int b = 0; b < bins; b++) {
                    binMean[j][b] = count[b] == 0 ? 0 : binMean[j][b] / count[b];
                }
                for (int i = 0; i < m; i++) {
                    int b = (int) transformed[i];
                    binStd[j][b] += (col[i] - binMean[j][b]) * (col[i] - binMean[j][b]);
                }
                for (int b = 0; b < bins; b++) {
                    binStd[j][b] = count[b] == 0 ? 0 : Math.sqrt(binStd[j][b] / count[b]);
                }
                binMin[j] = new double[bins];
                binMax[j] = new double[bins];
                for (int b = 0; b < bins; b++) {
                    binMin[j][b] = b == 0 ? sorted[0] : quartiles[j][b - 1];
                    binMax[j][b] = b == bins - 1 ? sorted[m - 1] : quartiles[j][b];
                }
            }
            if (kind[j] != Kind.CONTINUOUS) {
                TreeMap<Double, Integer> freq = new TreeMap<>();
                for (double v : transformed) {
                    freq.merge(v, 1, Integer::sum);
                }
                values[j] = new double[freq.size()];
                cumulative[j] = new double[freq.size()];
                int k = 0;
                double acc = 0;
                for (var e : freq.entrySet()) {
                    values[j][k] = e.getKey();
                    acc += e.getValue() / (double) m;
                    cumulative[j][k++] = acc;
                }
            }
            double mean = 0;
            for (double v : transformed) {
                mean += v;
            }
            mean /= m;
            double var = 0;
            for (double v : transformed) {
                var += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(var / m);
            // lime 0.2.0.0 sets its scaler to mean 0, scale 1 for categorical columns, and every column is
            // categorical once discretised: only continuous columns are standardised
            boolean continuous = kind[j] == Kind.CONTINUOUS;
            scaleMean[j] = continuous ? mean : 0.0;
            scale[j] = !continuous || sd == 0 ? 1.0 : sd;
        }
    }

    /** numpy's default (linear) percentile of sorted data. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** The bin of {@code value} in column {@code j}: the number of quartiles strictly below it. */
    int bin(int j, double value) {
        int b = 0;
        for (double q : quartiles[j]) {
            if (q < value) {
                b++;
            }
        }
        return b;
    }

    /** The readable feature (lime's rule names) for the instance's value in column {@code j}. */
    String describe(int j, double value) {
        String name = names.get(j);
        return switch (kind[j]) {
            case CATEGORICAL -> name + "=" + format(value);
            case CONTINUOUS -> name;
            case BINNED -> {
                double[] q = quartiles[j];
                int b = bin(j, value);
                if (b == 0) {
                    yield String.format(Locale.ROOT, "%s <= %.2f", name, q[0]);
                } else if (b == q.length) {
                    yield String.format(Locale.ROOT, "%s > %.2f", name, q[q.length - 1]);
                }
                yield String.format(Locale.ROOT, "%.2f < %s <= %.2f", q[b - 1], name, q[b]);
            }
        };
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * lime's sampling around {@code instance}: row 0 is the instance. Categorical and binned columns draw a
     * value (binned: a bin) by its training frequency; their interpretable value is 1 when it equals the
     * instance's, else 0; a drawn bin becomes a value by a normal draw of the bin's mean and deviation
     * truncated to the bin. Continuous columns draw N(mean, sd²) of the training column and are their own
     * interpretable value.
     */
    Samples sample(double[] instance, int count, Rng rng) {
        double[][] inputs = new double[count][columns];
        double[][] interp = new double[count][columns];
        inputs[0] = instance.clone();
        for (int j = 0; j < columns; j++) {
            double own = kind[j] == Kind.BINNED ? bin(j, instance[j]) : instance[j];
            interp[0][j] = kind[j] == Kind.CONTINUOUS ? instance[j] : 1.0;
            for (int s = 1; s < count; s++) {
                if (kind[j] == Kind.CONTINUOUS) {
                    double v = rng.nextGaussian() * scale[j] + scaleMean[j];
                    inputs[s][j] = v;
                    interp[s][j] = v;
                    continue;
                }
                double drawn = draw(j, rng);
                interp[s][j] = drawn == own ? 1.0 : 0.0;
                inputs[s][j] = kind[j] == Kind.BINNED ? undiscretize(j, (int) drawn, rng) : drawn;
            }
        }
        return new Samples(inputs, interp);
    }

    private double draw(int j, Rng rng) {
        double u = rng.nextDouble();
        double[] c = cumulative[j];
        for (int k = 0; k < c.length; k++) {
            if (u < c[k]) {
                return values[j][k];
            }
        }
        return values[j][c.length - 1];
    }

    /** A value in bin {@code b}: normal(mean, sd) truncated to [min, max] by rejection (uniform after 1000 misses). */
    private double undiscretize(int j, int b, Rng rng) {
        double lo = binMin[j][b];
        double hi = binMax[j][b];
        double mu = binMean[j][b];
        double sd = binStd[j][b];
        if (hi <= lo || sd == 0) {
            return Math.min(Math.max(mu, lo), hi);
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            double v = mu + sd * rng.nextGaussian();
            if (v >= lo && v <= hi) {
                return v;
            }
        }
        return lo + (hi - lo) * rng.nextDouble();
    }
}
