package org.xai4j.perturbation.shapley;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Capability;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

/**
 * Partition SHAP (shap's {@code PartitionExplainer}): Owen values (Owen 1977, "Values of games with a
 * priori unions") of the cells of an image grid under the binary hierarchy of {@link PartitionTree#grid}.
 * Each internal region is split into its two halves; the halves' effects are measured with the rest of
 * the hierarchy's context off and on, each with half the weight, recursing into the regions with the
 * largest effects first until the budget of {@code maxEvals} coalitions is spent. Credit left on a region
 * that was not expanded is shared evenly by its cells, so the values always sum to v(N) − v(∅); with an
 * unlimited budget they are the exact Owen values. Hidden cells show the masker (channel mean or blur).
 */
public final class PartitionShap extends ShapleyExplainer<PartitionShapConfig> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "partition-shap";

    /**
     * Partition SHAP of {@code model}.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the grid, baseline, evaluation budget, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public PartitionShap(PredictionFunction model, PartitionShapConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.BASELINE,
                Capability.CONVERGENCE_DELTA);
    }

    /**
     * The grid's coalition settings and the hierarchy's scheme. Planned per row: 2 + 2 × (the expansions): every
     * region that is not a single cell is expanded (two coalitions) until the budget maxEvals stops it, whatever
     * the order, so the count is min(all expansions of the hierarchy, ⌊(maxEvals − 2) / 2⌋).
     */
    @Override
    Setup setup(INDArray input) {
        OriginalScores.checkInput(model, input);
        if (input.rank() < 3) {
            throw new InvalidShapeException("PartitionShap needs images N×H×W or N×C×H×W but got shape "
                    + Arrays.toString(input.shape()));
        }
        int h = (int) input.size(input.rank() - 2);
        int w = (int) input.size(input.rank() - 1);
        int rows = config.rows() == 0 ? h : config.rows();
        int cols = config.cols() == 0 ? w : config.cols();
        if (rows > h || cols > w) { // before the hierarchy, whose 2·rows·cols nodes would overflow or exhaust memory
            throw new InvalidConfigException("a partition grid of " + rows + "×" + cols + " cells does not fit a " + h + "×"
                    + w + " image (each side needs 1..image size cells, or 0 for one per pixel)");
        }
        Segmenter grid = Segmenter.grid(rows, cols);
        PartitionTree tree = PartitionTree.grid(rows, cols);
        CoalitionSettings settings = new CoalitionSettings() {
            @Override
            public Segmenter segmenter() {
                return grid;
            }

            @Override
            public Baseline baseline() {
                return config.baseline();
            }

            @Override
            public BatchPolicy batch() {
                return config.batch();
            }

            @Override
            public long seed() {
                return config.seed();
            }

            @Override
            public Map<String, String> toMap() {
                return config.toMap();
            }
        };
        return new Setup(settings, method(tree));
    }

    private ShapleyRun.Method method(PartitionTree tree) {
        return new ShapleyRun.Method() {
            @Override
            public void checkFeatures(int numFeatures, int row) {
                if (numFeatures != tree.leaves()) {
                    throw new InvalidShapeException("row " + row + " has " + numFeatures + " grid cells but the hierarchy has "
                            + tree.leaves());
                }
            }

            @Override
            public long plannedCoalitions(int numFeatures) {
                return 2 + 2 * Math.min(expansions(tree, tree.root()), (config.maxEvals() - 2) / 2);
            }

            @Override
            public String parameter() {
                return "samples (PartitionShapConfig.maxEvals in the API)";
            }

            @Override
            public String coalitionFormula() {
                return "2 + 2 × min(the hierarchy's expansions, (samples=" + config.maxEvals() + " − 2) / 2) coalitions";
            }

            @Override
            public boolean stochastic() {
                return false;
            }

            @Override
            public ShapleyRun.Solution solve(ShapleyRun.Game game, Rng rng) {
                return owen(game, tree, rng);
            }
        };
    }

    /** A region waiting to be expanded: its context (cells on outside it), its values off and on, its weight. */
    private record Item(BitSet context, double off, double on, int node, double weight, double priority, double tie) {
    }

    private ShapleyRun.Solution owen(ShapleyRun.Game game, PartitionTree tree, Rng rng) {
        int f = tree.leaves();
        double[] ends = game.emptyAndFull();
        int evals = 2;
        double[] credit = new double[tree.nodes()];
        PriorityQueue<Item> queue = new PriorityQueue<>(
                Comparator.comparingDouble(Item::priority).thenComparingDouble(Item::tie));
        queue.add(new Item(new BitSet(f), ends[0], ends[1], tree.root(), 1.0, 0.0, rng.nextDouble()));
        int nodesPerBatch = Math.max(1, config.batch().maxRows() / (2 * game.references()));
        while (!queue.isEmpty()) {
            List<Item> batch = new ArrayList<>();
            while (!queue.isEmpty() && batch.size() < nodesPerBatch && evals + 2 * (batch.size() + 1) <= config.maxEvals()) {
                Item it = queue.poll();
                if (tree.isLeaf(it.node())) {
                    credit[it.node()] += (it.on() - it.off()) * it.weight();
                } else {
                    batch.add(it);
                }
            }
            if (batch.isEmpty()) {
                // Budget spent (or only leaves were left): what remains stays on its region.
                while (!queue.isEmpty()) {
                    Item it = queue.poll();
                    credit[it.node()] += (it.on() - it.off()) * it.weight();
                }
                break;
            }
            BitSet[] masks = new BitSet[2 * batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Item it = batch.get(i);
                masks[2 * i] = with(it.context(), tree.left(it.node()), tree, f);
                masks[2 * i + 1] = with(it.context(), tree.right(it.node()), tree, f);
            }
            double[] v = game.values(masks.length, (k, present) -> {
                BitSet m = masks[k];
                for (int j = m.nextSetBit(0); j >= 0; j = m.nextSetBit(j + 1)) {
                    present[j] = true;
                }
            });
            evals += masks.length;
            for (int i = 0; i < batch.size(); i++) {
                Item it = batch.get(i);
                int l = tree.left(it.node());
                int r = tree.right(it.node());
                double f10 = v[2 * i];
                double f01 = v[2 * i + 1];
                double nw = it.weight() / 2;
                queue.add(new Item(it.context(), it.off(), f10, l, nw, -Math.abs(f10 - it.off()) * nw, rng.nextDouble()));
                queue.add(new Item(it.context(), it.off(), f01, r, nw, -Math.abs(f01 - it.off()) * nw, rng.nextDouble()));
                queue.add(new Item(masks[2 * i + 1], f01, it.on(), l, nw, -Math.abs(it.on() - f01) * nw, rng.nextDouble()));
                queue.add(new Item(masks[2 * i], f10, it.on(), r, nw, -Math.abs(it.on() - f10) * nw, rng.nextDouble()));
            }
        }
        for (int node : tree.topDown()) {
            if (!tree.isLeaf(node) && credit[node] != 0) {
                int l = tree.left(node);
                int r = tree.right(node);
                credit[l] += credit[node] * tree.size(l) / tree.size(node);
                credit[r] += credit[node] * tree.size(r) / tree.size(node);
                credit[node] = 0;
            }
        }
        return new ShapleyRun.Solution(Arrays.copyOf(credit, f), ends[0], ends[1]);
    }

    /**
     * The expansions Owen's recursion makes below {@code node} with no budget: a region that is not a single
     * cell is expanded once and its two halves each twice (in the context without and with the other half).
     */
    static long expansions(PartitionTree tree, int node) {
        if (tree.isLeaf(node)) {
            return 0;
        }
        long e = 1 + 2 * expansions(tree, tree.left(node)) + 2 * expansions(tree, tree.right(node));
        return Math.min(e, Long.MAX_VALUE / 8);
    }

    private static BitSet with(BitSet context, int node, PartitionTree tree, int f) {
        boolean[] add = new boolean[f];
        tree.mark(node, add);
        BitSet m = (BitSet) context.clone();
        for (int j = 0; j < f; j++) {
            if (add[j]) {
                m.set(j);
            }
        }
        return m;
    }

    /**
     * The cells of the grid this explainer uses for an H×W image.
     *
     * @param height the image height H in pixels, ≥ 1
     * @param width  the image width W in pixels, ≥ 1
     * @return an H × W mask of the configured rows × cols cells (one cell per pixel row or column where the
     *         configuration says 0)
     * @throws org.xai4j.core.InvalidShapeException if H or W is below 1
     * @throws org.xai4j.core.InvalidConfigException if the configured grid has more cells per side than the image
     *                                               has pixels
     */
    public FeatureMask cells(int height, int width) {
        return FeatureMask.grid(height, width, config.rows() == 0 ? height : config.rows(),
                config.cols() == 0 ? width : config.cols());
    }
}
