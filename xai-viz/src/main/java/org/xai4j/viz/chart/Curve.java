package org.xai4j.viz.chart;

import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * One named line: points (x[i], y[i]). Owns copies of its arrays.
 *
 * @param name legend text
 * @param x    abscissae
 * @param y    ordinates, as many as {@code x}
 */
public record Curve(String name, double[] x, double[] y) {
    /**
     * Checks and copies the values.
     *
     * @param name legend text
     * @param x abscissae
     * @param y ordinates, as many as {@code x}
     * @throws org.xai4j.core.InvalidConfigException if {@code name} is null or empty
     * @throws org.xai4j.core.InvalidShapeException if {@code x} and {@code y} differ in length or are empty
     * @throws org.xai4j.core.NonFiniteValueException if a value is NaN or infinite
     */
    public Curve {
        if (name == null || name.isEmpty()) {
            throw new InvalidConfigException("a curve needs a name");
        }
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new InvalidShapeException("curve '" + name + "' needs as many x as y values (at least one) but got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
        }
        x = x.clone();
        y = y.clone();
        Theme.requireFinite(x, "curve '" + name + "' x");
        Theme.requireFinite(y, "curve '" + name + "' y");
    }

    /**
     * y over the fractions 0, 1/(n−1), …, 1: a deletion or insertion curve.
     *
     * @param name legend text
     * @param y the values at n evenly spaced fractions, n ≥ 2
     * @return the curve
     */
    public static Curve overFractions(String name, double[] y) {
        if (y == null || y.length < 2) {
            throw new InvalidShapeException("curve '" + name + "' over fractions needs at least two values");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / (double) (x.length - 1);
        }
        return new Curve(name, x, y);
    }

    /**
     * y over 1, 2, …, n: a per-epoch training curve.
     *
     * @param name legend text
     * @param y one value per epoch
     * @return the curve
     */
    public static Curve overEpochs(String name, double[] y) {
        if (y == null) {
            throw new InvalidShapeException("curve '" + name + "' needs values");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return new Curve(name, x, y);
    }

    /**
     * Abscissae.
     *
     * @return a copy
     */
    @Override
    public double[] x() {
        return x.clone();
    }

    /**
     * Ordinates, as many as {@code x}.
     *
     * @return a copy
     */
    @Override
    public double[] y() {
        return y.clone();
    }

    /**
     * Trapezoidal area under the curve (for deletion/insertion AUC).
     *
     * @return the area
     */
    public double area() {
        double a = 0;
        for (int i = 1; i < x.length; i++) {
            a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return a;
    }
}
