package org.xai4j.concepts.nmf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.util.BlockProducts;
import org.xai4j.core.util.GramProducts;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;

/**
 * Non-negative matrix factorisation V ≈ S·P (S: rows × K, P: K × C, both ≥ 0) by hierarchical alternating least
 * squares (HALS; Cichocki and Phan, IEICE Trans. Fundamentals E92-A(3), 2009), the coordinate-descent solver of
 * scikit-learn's {@code NMF(solver='cd')}, with its NNDSVD/NNDSVDa/random initialisations (Boutsidis and
 * Gallopoulos, Pattern Recognition 41, 2008) and its stopping rule.
 *
 * <p><b>Streaming.</b> V is read through {@link RowBlocks} and never copied whole. Each iteration is one pass:
 * for every block, in chunks of 2048 rows taken while they are in the processor's cache ({@link BlockProducts}:
 * BLAS on the block's own memory), R = V_b·Pᵀ, one HALS sweep updates the block's rows of S (rows of S are
 * independent given P), and the block adds S_bᵀS_b and S_bᵀV_b to the K × K and K × C sufficient statistics; after the pass one HALS
 * sweep updates P from those statistics. This is exactly scikit-learn's iteration (S, then P, one sweep each,
 * components in order, no shuffling), so the iterates agree with it up to rounding; only S (rows × K) and the
 * statistics are held (in double precision). Float blocks are multiplied in float, as scikit-learn does with
 * float32 data; blocks of other types are converted to double one at a time. The NNDSVD initialisation takes
 * one pass for VᵀV (C × C, whose eigenvectors are V's right singular vectors; its eigenvalues are the squared
 * singular values, so singular values below about 10⁻⁸·σ₁ lose accuracy, and below about 10⁻³·σ₁ for float blocks,
 * whose Gram products are taken in float) and one for the left singular vectors U = V·v/σ. The initialisation only
 * starts the iteration, which does not depend on it being exact. A last pass computes ‖V − S·P‖_F directly.
 *
 * <p>Stopping: the summed absolute projected gradient of the S and P sweeps ("violation") is compared with the
 * first iteration's; the fit stops when the ratio is at most {@link NmfConfig#tolerance()} or after
 * {@link NmfConfig#maxIterations()}. The objective never increases (each coordinate step minimises it exactly).
 *
 * <p>Bad input: a negative or non-finite value ({@link NegativeValueException}, {@link NonFiniteValueException},
 * naming the matrix, row and column), K larger than C or than the number of rows for the SVD-based inits
 * ({@link InvalidConfigException}).
 */
public final class Nmf {
    /**
     * Rows per product within a block: both products of an iteration are taken on these rows while they are in the
     * processor's cache (2048 rows × 512 float channels = 4 MB).
     */
    static final int CHUNK_ROWS = 2048;

    /** Values of the NNDSVD factors below this become 0 (scikit-learn's {@code eps}). */
    static final double NNDSVD_EPS = 1e-6;

    private final NmfConfig config;

    /**
     * The factorisation with {@code config}.
     *
     * @param config the number of components, initialisation, tolerance, iteration cap, penalties and seed
     * @throws InvalidConfigException if {@code config} is null
     */
    public Nmf(NmfConfig config) {
        if (config == null) {
            throw new InvalidConfigException("NMF needs a config but got null");
        }
        this.config = config;
    }

    /**
     * The settings.
     *
     * @return the settings given to the constructor
     */
    public NmfConfig config() {
        return config;
    }

    /** First-pass facts about V. */
    private record Scan(double[] gram, double normSq, double sum) {
    }

    /**
     * Fits S and P to {@code v}.
     *
     * @param v the non-negative matrix V, rows × C
     * @return S (rows × K), P (K × C) and the fit's statistics
     * @throws NegativeValueException if V has a negative entry
     */
    public NmfResult fit(RowBlocks v) {
        if (v == null) {
            throw new InvalidShapeException("NMF needs a matrix but got null");
        }
        int k = config.components();
        int c = v.cols();
        long n = v.rows();
        if (k > c) {
            throw new InvalidConfigException("components: K = " + k + " concepts but " + v.describe() + " has only C = "
                    + c + " columns (channels); choose K ≤ " + c);
        }
        if (config.init() != NmfInit.RANDOM && k > n) {
            throw new InvalidConfigException("components: K = " + k + " is larger than the " + n + " rows of "
                    + v.describe() + "; the " + config.init() + " initialisation needs K ≤ rows");
        }
        boolean svd = config.init() != NmfInit.RANDOM;
        Scan scan = scan(v, svd);
        double mean = scan.sum / ((double) n * c);
        double[] p = new double[k * c];
        List<double[]> s = new ArrayList<>(v.blockCount());
        if (svd) {
            nndsvd(v, scan, k, p, s, config.init() == NmfInit.NNDSVDA ? mean : 0);
        } else {
            random(v, k, mean, p, s);
        }
        double l1 = config.l1();
        double l2 = config.l2();
        List<Double> objective = new ArrayList<>();
        double violationInit = 0;
        boolean converged = false;
        for (int it = 1; it <= config.maxIterations(); it++) {
            double violation = 0;
            double[] gp = gram(p, k, c, l2);
            double[] sts = new double[k * k];
            double[] stvValues = new double[k * c];
            double sumS = 0;
            double sqS = 0;
            for (int b = 0; b < v.blockCount(); b++) {
                double[] sb = s.get(b);
                try (BlockProducts x = new BlockProducts(v.block(b))) {
                    // a chunk of rows is read from memory once: both products are taken while it is in the cache
                    for (int from = 0; from < x.rows(); from += CHUNK_ROWS) {
                        int rows = Math.min(CHUNK_ROWS, x.rows() - from);
                        double[] r = x.timesTransposed(from, rows, p, k);
                        if (l1 != 0) {
                            for (int i = 0; i < r.length; i++) {
                                r[i] -= l1;
                            }
                        }
                        double[] sc = Arrays.copyOfRange(sb, from * k, (from + rows) * k);
                        violation += Hals.sweep(sc, rows, k, gp, r);
                        System.arraycopy(sc, 0, sb, from * k, sc.length);
                        x.addTransposedTimes(from, rows, sc, k, stvValues);
                        x.addGram(sc, rows, k, sts);
                        if (l1 != 0) { // ΣS enters only the L1 penalty of the objective
                            for (double e : sc) {
                                sumS += e;
                            }
                        }
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                sqS += sts[a * k + a];
            }
            double[] gs = sts.clone();
            for (int a = 0; a < k; a++) {
                gs[a * k + a] += l2;
            }
            double[] ht = transpose(p, k, c);
            double[] rp = transpose(stvValues, k, c);
            if (l1 != 0) {
                for (int i = 0; i < rp.length; i++) {
                    rp[i] -= l1;
                }
            }
            violation += Hals.sweep(ht, c, k, gs, rp);
            p = transpose(ht, c, k);
            objective.add(objective(scan.normSq, p, stvValues, sts, k, c, sumS, sqS));
            if (it == 1) {
                violationInit = violation;
            }
            if (violationInit == 0 || violation / violationInit <= config.tolerance()) {
                converged = true;
                break;
            }
        }
        double residual = Math.sqrt(residualSq(v, s, p, k, c));
        double[] obj = objective.stream().mapToDouble(Double::doubleValue).toArray();
        return new NmfResult(config, c, p, s, n, obj, converged, residual, Math.sqrt(scan.normSq));
    }

    /**
     * Scores of the rows of {@code v} with the components P fixed: for each row x, the s ≥ 0 minimising
     * ½‖x − sᵀP‖² + l1·Σs + ½·l2·‖s‖² (exact, by {@link Nnls}). Returns rows × K in double precision.
     *
     * @param v          the rows to score
     * @param components P, K × C, non-negative
     * @param l1         L1 penalty on s (0 for plain NNLS)
     * @param l2         L2 penalty on s (0 for plain NNLS)
     * @return a new rows × K DOUBLE array of non-negative scores
     */
    public static INDArray transform(RowBlocks v, INDArray components, double l1, double l2) {
        if (components == null || components.rank() != 2) {
            throw new InvalidShapeException("components: expected a K × C matrix but got "
                    + (components == null ? "null" : "shape " + Arrays.toString(components.shape())));
        }
        int k = (int) components.size(0);
        int c = (int) components.size(1);
        if (v.cols() != c) {
            throw new InvalidShapeException(v.describe() + " has " + v.cols() + " columns but the components have C = " + c);
        }
        double[] p = HostArrays.doubles(components);
        double[] g = gram(p, k, c, l2);
        INDArray pt = HostArrays.array(transpose(p, k, c), new long[] {c, k}, DataType.DOUBLE);
        double[] out = new double[Math.toIntExact(v.rows() * k)];
        int at = 0;
        for (int b = 0; b < v.blockCount(); b++) {
            INDArray raw = v.block(b);
            Checks2.requireFinite(raw, v.describe(), (long) at / k);
            INDArray vb = asDouble(raw);
            INDArray xht = vb.mmul(pt);
            double[] r = HostArrays.doubles(xht);
            xht.close();
            if (vb != raw) {
                vb.close();
            }
            double[] sb = solveRows(r, k, g, l1);
            System.arraycopy(sb, 0, out, at, sb.length);
            at += sb.length;
        }
        pt.close();
        return HostArrays.array(out, new long[] {v.rows(), k}, DataType.DOUBLE);
    }

    /**
     * Scores of rows given as plain values (rows × C, row-major) with P fixed, as {@link #transform} computes them:
     * rows × K, row-major.
     *
     * @param v          the rows, count × c row-major
     * @param c          C
     * @param components P, K × C row-major
     * @param k          K
     * @param l1 L1 penalty, at least 0
     * @param l2 L2 penalty, at least 0
     * @return a new count × K row-major array of non-negative scores
     */
    public static double[] scoreRows(double[] v, int c, double[] components, int k, double l1, double l2) {
        int rows = v.length / c;
        double[] r = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                double x = 0;
                for (int q = 0; q < c; q++) {
                    x += v[i * c + q] * components[j * c + q];
                }
                r[i * k + j] = x;
            }
        }
        return solveRows(r, k, gram(components, k, c, l2), l1);
    }

    /** NNLS for every row of the cross terms r (rows × K) with Gram matrix g. */
    private static double[] solveRows(double[] r, int k, double[] g, double l1) {
        int rows = r.length / k;
        double[] out = new double[r.length];
        double[] bi = new double[k];
        for (int i = 0; i < rows; i++) {
            double scale = 0;
            for (int a = 0; a < k; a++) {
                bi[a] = r[i * k + a] - l1;
                scale = Math.max(scale, Math.abs(bi[a]));
            }
            if (scale > 0) {
                System.arraycopy(Nnls.solve(g, bi, k, 1e-13 * scale), 0, out, i * k, k);
            }
        }
        return out;
    }

    /** Validates V (finite, ≥ 0) and sums ‖V‖², ΣV and, when asked, VᵀV. */
    private static Scan scan(RowBlocks v, boolean gram) {
        int c = v.cols();
        double[] g = gram ? new double[c * c] : null;
        double[] sums = new double[2]; // ΣV, ‖V‖², in double
        long row0 = 0;
        for (int b = 0; b < v.blockCount(); b++) {
            INDArray raw = v.block(b);
            if (raw.rank() != 2 || raw.size(1) != c) {
                throw new InvalidShapeException(v.describe() + ": block " + b + " has shape " + Arrays.toString(raw.shape())
                        + " but every block must be rows × " + c);
            }
            // read in place through a small window (no copy of the block), summed in double
            long first = row0;
            HostArrays.forEachWindow(raw, (values, length, at) -> {
                for (int i = 0; i < length; i++) {
                    double e = values[i];
                    if (!(e >= 0) || e == Double.POSITIVE_INFINITY) {
                        reject(v, e, first + (at + i) / c, (int) ((at + i) % c));
                    }
                    sums[0] += e;
                    sums[1] += e * e;
                }
                return true;
            });
            if (g != null) {
                GramProducts.addTo(raw, g);
            }
            row0 += raw.size(0);
        }
        if (row0 != v.rows()) {
            throw new InvalidShapeException(v.describe() + ": its blocks hold " + row0 + " rows but it declares " + v.rows());
        }
        if (!Double.isFinite(sums[1])) {
            throw new NonFiniteValueException(v.describe() + ": its sum of squares overflows double precision");
        }
        return new Scan(g, sums[1], sums[0]);
    }

    /** Refuses the non-finite or negative entry {@code e} of V at {@code row}, {@code col}. */
    private static void reject(RowBlocks v, double e, long row, int col) {
        if (!Double.isFinite(e)) {
            throw new NonFiniteValueException(v.describe() + " holds " + e + " at row " + row + ", column " + col);
        }
        throw new NegativeValueException(v.describe() + " holds the negative value " + e + " at row " + row + ", column "
                + col + "; non-negative matrix factorisation needs values ≥ 0 (factorise the output of a ReLU)");
    }

    /** scikit-learn's NNDSVD(a) from the top-K eigenpairs of VᵀV, S written block by block. */
    private static void nndsvd(RowBlocks v, Scan scan, int k, double[] p, List<double[]> s, double fill) {
        int c = v.cols();
        double[] sym = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                sym[i * c + j] = 0.5 * (scan.gram[i * c + j] + scan.gram[j * c + i]);
            }
        }
        // LAPACK's symmetric eigensolver (syev): eigenvalues ascending, eigenvectors in the columns of the matrix
        INDArray vectors = HostArrays.array(sym, new long[] {c, c}, DataType.DOUBLE);
        INDArray valuesArr = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        double[] values = HostArrays.doubles(valuesArr);
        double[] columns = HostArrays.doubles(vectors);
        valuesArr.close();
        vectors.close();
        Integer[] order = new Integer[c];
        for (int i = 0; i < c; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] sigma = new double[k];
        double[][] right = new double[k][c];
        for (int j = 0; j < k; j++) {
            sigma[j] = Math.sqrt(Math.max(values[order[j]], 0));
            for (int i = 0; i < c; i++) {
                right[j][i] = columns[i * c + order[j]];
            }
        }
        // U = V·v/σ, block by block, with the norms of each column's positive and negative parts.
        double[] vkt = new double[k * c]; // (v/σ)ᵀ, K × C
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < c; i++) {
                vkt[j * c + i] = sigma[j] > 0 ? right[j][i] / sigma[j] : 0;
            }
        }
        double[] posSq = new double[k];
        double[] negSq = new double[k];
        for (int b = 0; b < v.blockCount(); b++) {
            double[] ub;
            try (BlockProducts x = new BlockProducts(v.block(b))) {
                ub = x.timesTransposed(0, x.rows(), vkt, k);
            }
            for (int i = 0; i < ub.length; i++) {
                double e = ub[i];
                if (e > 0) {
                    posSq[i % k] += e * e;
                } else {
                    negSq[i % k] += e * e;
                }
            }
            s.add(ub);
        }
        double[] wScale = new double[k];
        boolean[] wNegative = new boolean[k];
        boolean[] wAbs = new boolean[k];
        for (int j = 0; j < k; j++) {
            double[] y = right[j];
            if (j == 0) {
                wAbs[0] = true;
                wScale[0] = Math.sqrt(sigma[0]);
                for (int i = 0; i < c; i++) {
                    p[i] = Math.sqrt(sigma[0]) * Math.abs(y[i]);
                }
                continue;
            }
            double yp = 0;
            double yn = 0;
            for (double e : y) {
                if (e > 0) {
                    yp += e * e;
                } else {
                    yn += e * e;
                }
            }
            double xpn = Math.sqrt(posSq[j]);
            double xnn = Math.sqrt(negSq[j]);
            double ypn = Math.sqrt(yp);
            double ynn = Math.sqrt(yn);
            double mp = xpn * ypn;
            double mn = xnn * ynn;
            boolean positive = mp > mn;
            double sig = positive ? mp : mn;
            double xn = positive ? xpn : xnn;
            double yn2 = positive ? ypn : ynn;
            double lbd = Math.sqrt(sigma[j] * sig);
            wNegative[j] = !positive;
            wScale[j] = xn > 0 ? lbd / xn : 0;
            for (int i = 0; i < c; i++) {
                double e = positive ? Math.max(y[i], 0) : -Math.min(y[i], 0);
                p[j * c + i] = yn2 > 0 ? lbd * e / yn2 : 0;
            }
        }
        for (double[] ub : s) {
            for (int i = 0; i < ub.length; i++) {
                int j = i % k;
                double x = ub[i];
                double w = wAbs[j] ? wScale[j] * Math.abs(x) : wScale[j] * (wNegative[j] ? -Math.min(x, 0) : Math.max(x, 0));
                ub[i] = fillSmall(w, fill);
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = fillSmall(p[i], fill);
        }
    }

    private static double fillSmall(double x, double fill) {
        double y = x < NNDSVD_EPS ? 0 : x;
        return y == 0 ? fill : y;
    }

    /** scikit-learn's random init, from the seed: P first (K × C), then S (rows × K), √(mean/K)·|N(0, 1)|. */
    private void random(RowBlocks v, int k, double mean, double[] p, List<double[]> s) {
        Rng rng = Rng.seeded(config.seed());
        double avg = Math.sqrt(mean / k);
        for (int i = 0; i < p.length; i++) {
            p[i] = avg * Math.abs(rng.nextGaussian());
        }
        for (int b = 0; b < v.blockCount(); b++) {
            int rows = (int) v.block(b).size(0);
            double[] sb = new double[rows * k];
            for (int i = 0; i < sb.length; i++) {
                sb[i] = avg * Math.abs(rng.nextGaussian());
            }
            s.add(sb);
        }
    }

    /** The objective from the sufficient statistics: ½(‖V‖² − 2⟨P, SᵀV⟩ + ⟨SᵀS, PPᵀ⟩) + penalties. */
    private double objective(double normSq, double[] p, double[] stv, double[] sts, int k, int c, double sumS, double sqS) {
        double cross = 0;
        double sumP = 0;
        double sqP = 0;
        for (int i = 0; i < p.length; i++) {
            cross += p[i] * stv[i];
            sumP += p[i];
            sqP += p[i] * p[i];
        }
        double[] ppt = gram(p, k, c, 0);
        double quad = 0;
        for (int i = 0; i < k * k; i++) {
            quad += sts[i] * ppt[i];
        }
        double fit = 0.5 * Math.max(normSq - 2 * cross + quad, 0);
        return fit + config.l1() * (sumS + sumP) + 0.5 * config.l2() * (sqS + sqP);
    }

    /** ‖V − S·P‖²_F, block by block. */
    private static double residualSq(RowBlocks v, List<double[]> s, double[] p, int k, int c) {
        double total = 0;
        for (int b = 0; b < v.blockCount(); b++) {
            double[] sb = s.get(b);
            try (BlockProducts x = new BlockProducts(v.block(b))) {
                for (int from = 0; from < x.rows(); from += CHUNK_ROWS) {
                    int rows = Math.min(CHUNK_ROWS, x.rows() - from);
                    total += x.residualSq(from, rows, Arrays.copyOfRange(sb, from * k, (from + rows) * k), p, k);
                }
            }
        }
        return total;
    }

    /** F·Fᵀ (+ l2 on the diagonal) for F = K × C row-major. */
    static double[] gram(double[] f, int k, int c, double l2) {
        double[] g = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double x = 0;
                for (int i = 0; i < c; i++) {
                    x += f[a * c + i] * f[b * c + i];
                }
                g[a * k + b] = x;
                g[b * k + a] = x;
            }
            g[a * k + a] += l2;
        }
        return g;
    }

    /** The transpose of a rows × cols row-major matrix. */
    static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    /** The block itself when it is double already, else a double copy of it (one block at a time). */
    static INDArray asDouble(INDArray block) {
        return block.dataType() == DataType.DOUBLE ? block : block.castTo(DataType.DOUBLE);
    }
}
