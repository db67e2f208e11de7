package org.xai4j.metrics.similarity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Agreement between explanation methods, and between models, under one {@link MapSimilarity}: the basis
 * of a methods × methods heat map and of the model comparison mode. All maps must have the same shape
 * (N rows of the same inputs).
 */
public final class Agreement {
    /** What to do when the measure is undefined for a batch row (a constant map for a correlation). */
    public enum WhenUndefined {
        /** Throw the {@link UndefinedMetricException} (default). */
        FAIL,
        /** Record {@code NaN} for that batch row and average over the rows where it is defined. */
        SKIP_ROW
    }

    private Agreement() {
    }

    /**
     * Methods × methods agreement; fails on undefined values.
     *
     * @param mapsByMethod the maps of each method (N×…, all the same shape), in the order wanted in the matrix
     * @param measure the similarity measure
     * @return the methods × methods matrix of mean similarities
     * @throws UndefinedMetricException if the measure is undefined for some pair of rows
     */
    public static AgreementMatrix acrossMethods(Map<String, INDArray> mapsByMethod, MapSimilarity measure) {
        return acrossMethods(mapsByMethod, measure, WhenUndefined.FAIL);
    }

    /**
     * Methods × methods agreement: entry (i, j) compares the maps of method i with those of method j.
     *
     * @param mapsByMethod the maps of each method (N×…, all the same shape), in the order wanted in the matrix
     * @param measure the similarity measure
     * @param whenUndefined what to do where the measure is undefined for a pair of rows
     * @return the methods × methods matrix of mean similarities
     */
    public static AgreementMatrix acrossMethods(Map<String, INDArray> mapsByMethod, MapSimilarity measure,
                                                WhenUndefined whenUndefined) {
        Map<String, double[][]> rows = read(mapsByMethod, "methods");
        List<String> names = new ArrayList<>(rows.keySet());
        return matrix(names, rows, names, rows, shapeOf(mapsByMethod), measure, whenUndefined);
    }

    /**
     * The model comparison mode; fails on undefined values.
     *
     * @param modelA the first model's name, for reports
     * @param mapsA the first model's maps of each method (N×…)
     * @param modelB the second model's name, for reports
     * @param mapsB the second model's maps of the same methods, same shapes
     * @param measure the similarity measure
     * @return the within-model and cross-model matrices and the per-method similarities
     * @throws UndefinedMetricException if the measure is undefined for some pair of rows
     */
    public static ModelComparison acrossModels(String modelA, Map<String, INDArray> mapsA, String modelB,
                                               Map<String, INDArray> mapsB, MapSimilarity measure) {
        return acrossModels(modelA, mapsA, modelB, mapsB, measure, WhenUndefined.FAIL);
    }

    /**
     * The model comparison mode: the same methods applied to two models on the same inputs. Both maps must
     * name the same methods; the order of {@code mapsA} is used throughout.
     *
     * @param modelA the first model's name, for reports
     * @param mapsA the first model's maps of each method (N×…); its order is the matrices' order
     * @param modelB the second model's name, for reports
     * @param mapsB the second model's maps of the same methods, same shapes
     * @param measure the similarity measure
     * @param whenUndefined what to do where the measure is undefined for a pair of rows
     * @return the within-model and cross-model matrices and the per-method similarities
     * @throws InvalidConfigException if the two maps do not name the same methods
     * @throws InvalidShapeException if maps to be compared differ in shape
     */
    public static ModelComparison acrossModels(String modelA, Map<String, INDArray> mapsA, String modelB,
                                               Map<String, INDArray> mapsB, MapSimilarity measure,
                                               WhenUndefined whenUndefined) {
        Checks.requireNonNull(mapsA, "maps of model A");
        Checks.requireNonNull(mapsB, "maps of model B");
        if (!new TreeSet<>(mapsA.keySet()).equals(new TreeSet<>(mapsB.keySet()))) {
            throw new InvalidConfigException("model comparison needs the same methods for both models but " + modelA
                    + " has " + mapsA.keySet() + " and " + modelB + " has " + mapsB.keySet());
        }
        Map<String, INDArray> orderedB = new LinkedHashMap<>();
        for (String k : mapsA.keySet()) {
            orderedB.put(k, mapsB.get(k));
        }
        Map<String, double[][]> ra = read(mapsA, modelA);
        Map<String, double[][]> rb = read(orderedB, modelB);
        long[] shapeA = shapeOf(mapsA);
        long[] shapeB = shapeOf(orderedB);
        if (!java.util.Arrays.equals(shapeA, shapeB)) {
            throw new InvalidShapeException("model comparison: " + modelB + " maps have shape "
                    + java.util.Arrays.toString(shapeB) + " but " + modelA + " maps have shape "
                    + java.util.Arrays.toString(shapeA));
        }
        List<String> names = new ArrayList<>(ra.keySet());
        return new ModelComparison(modelA, modelB,
                matrix(names, ra, names, ra, shapeA, measure, whenUndefined),
                matrix(names, rb, names, rb, shapeA, measure, whenUndefined),
                matrix(names, ra, names, rb, shapeA, measure, whenUndefined));
    }

    private static AgreementMatrix matrix(List<String> rowNames, Map<String, double[][]> rowMaps,
                                          List<String> colNames, Map<String, double[][]> colMaps, long[] shape,
                                          MapSimilarity measure, WhenUndefined whenUndefined) {
        Checks.requireNonNull(measure, "similarity measure");
        long[] rowShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        int n = (int) shape[0];
        double[][] mean = new double[rowNames.size()][colNames.size()];
        double[][][] per = new double[rowNames.size()][colNames.size()][n];
        boolean symmetric = rowMaps == colMaps;
        for (int i = 0; i < rowNames.size(); i++) {
            for (int j = 0; j < colNames.size(); j++) {
                if (symmetric && j < i) {
                    per[i][j] = per[j][i].clone();
                    mean[i][j] = mean[j][i];
                    continue;
                }
                double[][] a = rowMaps.get(rowNames.get(i));
                double[][] b = colMaps.get(colNames.get(j));
                double sum = 0;
                int defined = 0;
                for (int r = 0; r < n; r++) {
                    try {
                        per[i][j][r] = measure.between(a[r], b[r], rowShape);
                        sum += per[i][j][r];
                        defined++;
                    } catch (UndefinedMetricException e) {
                        if (whenUndefined == WhenUndefined.FAIL) {
                            throw new UndefinedMetricException(measure.name() + " between '" + rowNames.get(i)
                                    + "' and '" + colNames.get(j) + "', row " + r + ": " + e.getMessage());
                        }
                        per[i][j][r] = Double.NaN;
                    }
                }
                mean[i][j] = defined == 0 ? Double.NaN : sum / defined;
            }
        }
        return new AgreementMatrix(measure.name(), rowNames, colNames, mean, per);
    }

    private static Map<String, double[][]> read(Map<String, INDArray> maps, String what) {
        Checks.requireNonNull(maps, what);
        if (maps.isEmpty()) {
            throw new InvalidConfigException("agreement needs at least one set of maps for " + what);
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        String firstName = null;
        INDArray first = null;
        for (Map.Entry<String, INDArray> e : maps.entrySet()) {
            if (first == null) {
                firstName = e.getKey();
                first = e.getValue();
            }
            MapRows.requireSameShape(first, "maps of '" + firstName + "'", e.getValue(), "maps of '" + e.getKey() + "'");
            out.put(e.getKey(), MapRows.rows(e.getValue(), "maps of '" + e.getKey() + "'"));
        }
        return out;
    }

    private static long[] shapeOf(Map<String, INDArray> maps) {
        return maps.values().iterator().next().shape();
    }
}
