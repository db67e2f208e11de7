package org.xai4j.metrics.similarity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Names;

/**
 * Similarities between every pair of (row name, column name) under one measure: entry (i, j) compares
 * the maps of {@code rows().get(i)} with those of {@code columns().get(j)}, row by row of the batch, and
 * holds the mean over the batch rows where the measure is defined. Immutable: arrays are copied in and out.
 *
 * @param measure  the measure's name
 * @param rows     the names along the first axis
 * @param columns  the names along the second axis
 * @param mean     mean over batch rows of the defined values; {@code NaN} when no batch row was defined
 * @param perRow   {@code perRow[i][j][r]}: the value for batch row r, {@code NaN} where undefined
 */
public record AgreementMatrix(String measure, List<String> rows, List<String> columns, double[][] mean,
                              double[][][] perRow) {
    /**
     * Copies the names and the arrays.
     *
     * @param measure the measure's name
     * @param rows the names along the first axis
     * @param columns the names along the second axis
     * @param mean rows × columns means over batch rows, NaN where no batch row was defined
     * @param perRow rows × columns × N values, NaN where undefined
     */
    public AgreementMatrix {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        mean = copy(mean);
        perRow = copy(perRow);
    }

    /**
     * The mean matrix.
     *
     * @return a copy: [i][j] is the mean over batch rows of the defined values, NaN when none was defined
     */
    @Override
    public double[][] mean() {
        return copy(mean);
    }

    /**
     * The values for every batch row.
     *
     * @return a copy: [i][j][r] is the value for batch row r, NaN where undefined
     */
    @Override
    public double[][][] perRow() {
        return copy(perRow);
    }

    /**
     * The mean similarity between {@code row} and {@code column}.
     *
     * @param row a name of {@link #rows()}
     * @param column a name of {@link #columns()}
     * @return the mean over the defined batch rows, NaN when none was defined
     * @throws InvalidConfigException if a name is not in the matrix (with the closest names)
     */
    public double value(String row, String column) {
        return mean[index(rows, row)][index(columns, column)];
    }

    /**
     * The per-batch-row values between {@code row} and {@code column}.
     *
     * @param row a name of {@link #rows()}
     * @param column a name of {@link #columns()}
     * @return a new array of N values, NaN where undefined
     * @throws InvalidConfigException if a name is not in the matrix (with the closest names)
     */
    public double[] values(String row, String column) {
        return perRow[index(rows, row)][index(columns, column)].clone();
    }

    /**
     * How many batch rows had a defined value for entry (i, j).
     *
     * @param i the row index
     * @param j the column index
     * @return the number of batch rows whose value is not NaN, 0 … N
     */
    public int definedRows(int i, int j) {
        int n = 0;
        for (double v : perRow[i][j]) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * A JSON-friendly map: measure, rows, columns and the mean matrix.
     *
     * @return a new insertion-ordered map: {@code measure}, {@code rows}, {@code columns}, {@code mean}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", measure);
        m.put("rows", rows);
        m.put("columns", columns);
        List<Object> matrix = new ArrayList<>();
        for (double[] r : mean) {
            List<Object> l = new ArrayList<>();
            for (double v : r) {
                l.add(Double.isNaN(v) ? null : v);
            }
            matrix.add(l);
        }
        m.put("mean", matrix);
        return m;
    }

    private static int index(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new InvalidConfigException("no entry '" + name + "' in the agreement matrix; names: " + names
                    + (Names.closest(name, names, 3).isEmpty() ? "" : "; did you mean " + Names.closest(name, names, 3) + "?"));
        }
        return i;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static double[][][] copy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = copy(a[i]);
        }
        return out;
    }
}
