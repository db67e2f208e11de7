package org.xai4j.concepts.nmf;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.HostArrays;

/**
 * A fitted factorisation V ≈ S·P: the components P (K × C, non-negative), the scores S (rows × K, non-negative,
 * kept in the blocks V was read in), the objective after every iteration, and the exact reconstruction error.
 * Immutable: every accessor returns a copy.
 */
public final class NmfResult {
    private final NmfConfig config;
    private final int k;
    private final int cols;
    private final double[] p;
    private final List<double[]> s;
    private final long rows;
    private final double[] objective;
    private final boolean converged;
    private final double residualNorm;
    private final double dataNorm;

    NmfResult(NmfConfig config, int cols, double[] p, List<double[]> s, long rows, double[] objective, boolean converged,
              double residualNorm, double dataNorm) {
        this.config = config;
        this.k = config.components();
        this.cols = cols;
        this.p = p.clone();
        this.s = List.copyOf(s);
        this.rows = rows;
        this.objective = objective.clone();
        this.converged = converged;
        this.residualNorm = residualNorm;
        this.dataNorm = dataNorm;
    }

    /**
     * The settings it was fitted with.
     *
     * @return the settings
     */
    public NmfConfig config() {
        return config;
    }

    /**
     * K.
     *
     * @return K
     */
    public int components() {
        return k;
    }

    /**
     * C, the number of columns of V.
     *
     * @return C
     */
    public int cols() {
        return cols;
    }

    /**
     * The number of rows of V (and S).
     *
     * @return the number of rows of V
     */
    public long rows() {
        return rows;
    }

    /**
     * P, K × C, in double precision (a new array).
     *
     * @return a new K × C DOUBLE array
     */
    public INDArray componentMatrix() {
        return HostArrays.array(p, new long[] {k, cols}, DataType.DOUBLE);
    }

    /**
     * P as a row-major {@code double[K·C]} (a copy).
     *
     * @return a new array of K · C values
     */
    public double[] componentValues() {
        return p.clone();
    }

    /**
     * S, rows × K, in double precision (a new array; needs rows·K below 2³¹).
     *
     * @return a new rows × K DOUBLE array
     */
    public INDArray scoreMatrix() {
        double[] all = new double[Math.toIntExact(rows * k)];
        int at = 0;
        for (double[] b : s) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return HostArrays.array(all, new long[] {rows, k}, DataType.DOUBLE);
    }

    /**
     * The number of blocks S is kept in (those of the {@link RowBlocks} it was fitted on).
     *
     * @return the number of blocks
     */
    public int blockCount() {
        return s.size();
    }

    /**
     * The rows of S for block {@code b}, rows_b × K row-major (a copy).
     *
     * @param b a block, 0 ≤ b &lt; {@link #blockCount()}
     * @return a new array
     */
    public double[] scoreBlock(int b) {
        return s.get(b).clone();
    }

    /**
     * The objective ½‖V − S·P‖²_F + l1·(ΣS + ΣP) + ½·l2·(‖S‖² + ‖P‖²) after each iteration, computed from the sufficient statistics of each pass (so it can lose digits to
     * cancellation when the fit is nearly exact; {@link #residualNorm} is computed directly).
     *
     * @return a copy of the objective values, one per iteration
     */
    public double[] objective() {
        return objective.clone();
    }

    /**
     * The iterations run.
     *
     * @return the number of iterations, at least 1
     */
    public int iterations() {
        return objective.length;
    }

    /**
     * Whether the tolerance was reached before the iteration cap.
     *
     * @return true when the tolerance was reached
     */
    public boolean converged() {
        return converged;
    }

    /**
     * ‖V − S·P‖_F, summed block by block in a final pass.
     *
     * @return the Frobenius norm of the residual, at least 0
     */
    public double residualNorm() {
        return residualNorm;
    }

    /**
     * ‖V‖_F.
     *
     * @return the Frobenius norm of V, at least 0
     */
    public double dataNorm() {
        return dataNorm;
    }

    /**
     * ‖V − S·P‖_F / ‖V‖_F (0 for an all-zero V).
     *
     * @return the relative error, at least 0
     */
    public double relativeError() {
        return dataNorm == 0 ? 0 : residualNorm / dataNorm;
    }

    /**
     * Scores of new rows with P fixed (non-negative least squares with the fit's penalties): see
     * {@link Nmf#transform}.
     *
     * @param v the rows to score, C columns
     * @return a new rows × K DOUBLE array of non-negative scores
     */
    public INDArray transform(RowBlocks v) {
        return Nmf.transform(v, componentMatrix(), config.l1(), config.l2());
    }

    /** Copies of the score blocks (for the package). */
    List<double[]> scoreBlocks() {
        List<double[]> out = new ArrayList<>(s.size());
        for (double[] b : s) {
            out.add(b.clone());
        }
        return out;
    }
}
