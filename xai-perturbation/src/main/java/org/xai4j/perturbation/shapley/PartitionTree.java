package org.xai4j.perturbation.shapley;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.core.InvalidConfigException;

/**
 * A binary hierarchy over F features for Owen values. Nodes 0..F−1 are the leaves (the features); internal
 * nodes follow, with node {@link #root()} covering all features. Built by {@link #grid}: the cells of an
 * R×C grid (feature r·C + c), split recursively in two halves of the longer side (rows when the block is
 * at least as tall as wide), the first half holding ⌊n/2⌋ rows or columns — shap's image partition,
 * over cells instead of pixels.
 */
public final class PartitionTree {
    private final int leaves;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private final int root;

    private PartitionTree(int leaves, int[] left, int[] right, int[] size, int root) {
        this.leaves = leaves;
        this.left = left;
        this.right = right;
        this.size = size;
        this.root = root;
    }

    /**
     * The hierarchy of an R×C grid of cells.
     *
     * @param rows R, the cells down the grid, ≥ 1
     * @param cols C, the cells across the grid, ≥ 1
     * @return a tree of R·C leaves (leaf r·C + c is cell (r, c)) and R·C − 1 internal nodes
     * @throws InvalidConfigException if {@code rows} or {@code cols} is below 1
     */
    public static PartitionTree grid(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new InvalidConfigException("a partition grid needs at least 1×1 cells but got " + rows + "×" + cols);
        }
        int f = Math.multiplyExact(rows, cols);
        List<int[]> internal = new ArrayList<>();
        int[] sizes = new int[2 * f - 1];
        int root = build(0, rows, 0, cols, cols, f, internal, sizes);
        int[] l = new int[2 * f - 1];
        int[] r = new int[2 * f - 1];
        java.util.Arrays.fill(l, -1);
        java.util.Arrays.fill(r, -1);
        for (int i = 0; i < internal.size(); i++) {
            l[f + i] = internal.get(i)[0];
            r[f + i] = internal.get(i)[1];
        }
        return new PartitionTree(f, l, r, sizes, root);
    }

    private static int build(int r0, int r1, int c0, int c1, int cols, int f, List<int[]> internal, int[] sizes) {
        int h = r1 - r0;
        int w = c1 - c0;
        if (h == 1 && w == 1) {
            int leaf = r0 * cols + c0;
            sizes[leaf] = 1;
            return leaf;
        }
        int a;
        int b;
        if (h >= w) {
            int mid = r0 + h / 2;
            a = build(r0, mid, c0, c1, cols, f, internal, sizes);
            b = build(mid, r1, c0, c1, cols, f, internal, sizes);
        } else {
            int mid = c0 + w / 2;
            a = build(r0, r1, c0, mid, cols, f, internal, sizes);
            b = build(r0, r1, mid, c1, cols, f, internal, sizes);
        }
        int id = f + internal.size();
        internal.add(new int[] {a, b});
        sizes[id] = h * w;
        return id;
    }

    /**
     * The number of leaves (features).
     *
     * @return F, ≥ 1
     */
    public int leaves() {
        return leaves;
    }

    /**
     * The number of nodes, 2F − 1.
     *
     * @return the count of leaves and internal nodes together
     */
    public int nodes() {
        return size.length;
    }

    /**
     * The root node.
     *
     * @return the node covering all F features (the single leaf 0 when F = 1)
     */
    public int root() {
        return root;
    }

    /**
     * Whether {@code node} is a leaf.
     *
     * @param node a node, in [0, {@link #nodes()})
     * @return true for nodes 0..F−1 (the features)
     */
    public boolean isLeaf(int node) {
        return node < leaves;
    }

    /**
     * The first child of an internal node: the top half (rows split) or the left half (columns split).
     *
     * @param node a node, in [0, {@link #nodes()})
     * @return the child node, or −1 for a leaf
     */
    public int left(int node) {
        return left[node];
    }

    /**
     * The second child of an internal node: the bottom half (rows split) or the right half (columns split).
     *
     * @param node a node, in [0, {@link #nodes()})
     * @return the child node, or −1 for a leaf
     */
    public int right(int node) {
        return right[node];
    }

    /**
     * The number of leaves under {@code node}.
     *
     * @param node a node, in [0, {@link #nodes()})
     * @return 1 for a leaf, otherwise the number of grid cells in the node's block
     */
    public int size(int node) {
        return size[node];
    }

    /**
     * Marks every leaf under {@code node} in {@code present}.
     *
     * @param node    a node, in [0, {@link #nodes()})
     * @param present F flags, indexed by feature; the leaves under {@code node} are set to true, the others left
     *                as they are
     */
    public void mark(int node, boolean[] present) {
        if (isLeaf(node)) {
            present[node] = true;
        } else {
            mark(left[node], present);
            mark(right[node], present);
        }
    }

    /**
     * Nodes with every parent before its children (breadth-first from the root).
     *
     * @return all 2F − 1 nodes, the root first
     */
    public int[] topDown() {
        int[] order = new int[nodes()];
        int head = 0;
        int tail = 0;
        order[tail++] = root;
        while (head < tail) {
            int n = order[head++];
            if (!isLeaf(n)) {
                order[tail++] = left[n];
                order[tail++] = right[n];
            }
        }
        return order;
    }
}
