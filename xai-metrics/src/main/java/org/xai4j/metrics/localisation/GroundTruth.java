package org.xai4j.metrics.localisation;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * Maps and their ground-truth masks, read and checked once: masks have the maps' shape (N×…) or one row's
 * shape (shared by every row); a non-zero mask element is inside the region. A row whose mask is empty
 * has no localisation score and raises {@link UndefinedMetricException}.
 */
final class GroundTruth {
    final double[][] maps;
    final boolean[][] masks;
    final int[] maskSize;
    final long[] rowShape;

    private GroundTruth(double[][] maps, boolean[][] masks, int[] maskSize, long[] rowShape) {
        this.maps = maps;
        this.masks = masks;
        this.maskSize = maskSize;
        this.rowShape = rowShape;
    }

    static GroundTruth read(String metric, INDArray maps, INDArray masks, RelevancePart part) {
        double[][] m = MapRows.rows(maps, "maps");
        Checks.requireArray(masks, "masks");
        long[] rowShape = MapRows.rowShape(maps);
        boolean shared = Arrays.equals(masks.shape(), rowShape);
        if (!shared && !Arrays.equals(masks.shape(), maps.shape())) {
            throw new InvalidShapeException("masks have shape " + Arrays.toString(masks.shape()) + " but must match the maps "
                    + Arrays.toString(maps.shape()) + " or one map row " + Arrays.toString(rowShape));
        }
        Checks.requireFinite(masks, "masks");
        double[] flat = MapRows.flat(masks);
        int len = m[0].length;
        boolean[][] b = new boolean[m.length][len];
        int[] size = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            int off = shared ? 0 : i * len;
            for (int e = 0; e < len; e++) {
                b[i][e] = flat[off + e] != 0;
                if (b[i][e]) {
                    size[i]++;
                }
                m[i][e] = part.of(m[i][e]);
            }
            if (size[i] == 0) {
                throw new UndefinedMetricException(metric + ", row " + i + ": the ground-truth mask is empty");
            }
        }
        return new GroundTruth(m, b, size, rowShape);
    }

    int rows() {
        return maps.length;
    }

    static Provenance provenance(String metric, Map<String, String> config) {
        return Provenance.of(new MethodDescriptor(metric, config, Set.of()), (String) null, null, null, null);
    }
}
