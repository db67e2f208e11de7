package org.xai4j.core.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.LayerPass;

/**
 * One pass over one chunk of rows: all per-call state (values, gradients, use counts, buffer counts)
 * lives here, so that a {@link Graph} stays immutable and shareable.
 */
final class Execution {
    private final Graph graph;
    private final Propagation request;
    private final Map<String, UnaryOperator<INDArray>> edits;
    private final List<Node> nodes;
    private final boolean backward;
    private final BackwardRule[] rules;
    private final Retention[] retention;
    /** Layer name as asked → node. */
    private final Map<String, Node> layers = new LinkedHashMap<>();
    private final Map<String, Boolean> requestedValue = new HashMap<>();
    private final Buffers buffers = new Buffers();
    /** Backward edits by node. */
    private final Map<Node, BackwardEdit> backwardEdits = new HashMap<>();
    /** Rows of the forward pass, and rows the backward pass carries (more after an edit that adds rows). */
    private long forwardRows;
    private long rows;
    /** Forward values repeated to the backward's rows for the rule that just ran, freed once its results are held. */
    private final List<INDArray> repeated = new java.util.ArrayList<>();

    Execution(Graph graph, Propagation request, Map<String, UnaryOperator<INDArray>> edits) {
        this.graph = graph;
        this.request = request;
        this.edits = edits;
        this.nodes = graph.nodes();
        this.backward = request.target() != null;
        this.rules = new BackwardRule[nodes.size()];
        this.retention = new Retention[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (backward && graph.dependsOnInput(n.output())) {
                rules[k] = request.composite().ruleFor(n);
                retention[k] = rules[k].retention(n);
            } else {
                retention[k] = Retention.NONE;
            }
        }
        for (String l : request.layers()) {
            Node n = graph.node(l);
            layers.put(l, n);
            requestedValue.put(n.output(), true);
        }
        for (BackwardEdit e : request.edits()) {
            Node n = graph.node(e.node());
            if (backwardEdits.put(n, e) != null) {
                throw new org.xai4j.core.InvalidConfigException("edits: node '" + n.name() + "' has two backward"
                        + " edits (by node and by value name); expected at most one per node");
            }
        }
    }

    /** The values of one forward pass with their remaining use counts. */
    private final class Values {
        final Map<String, INDArray> values = new HashMap<>();
        final Map<String, Integer> uses = new HashMap<>();
        final Map<String, long[]> shapes = new HashMap<>();

        long[] shape(String name) {
            long[] s = shapes.get(name);
            return s != null ? s : graph.constants().get(name).shape();
        }

        INDArray get(String name) {
            INDArray v = values.get(name);
            return v != null ? v : graph.constants().get(name);
        }

        void put(String name, INDArray v) {
            values.put(name, v);
            shapes.put(name, v.shape());
            buffers.hold(v);
        }

        void use(String name) {
            Integer u = uses.get(name);
            if (u == null) {
                return;
            }
            if (u > 1) {
                uses.put(name, u - 1);
                return;
            }
            uses.remove(name);
            if (!requestedValue.containsKey(name) && !name.equals(graph.outputName())) {
                buffers.release(values.remove(name));
            }
        }
    }

    LayerPass run(INDArray input, INDArray reference) {
        buffers.protect(input);
        // Nodes may return views of constants (a Reshape of one): never free those.
        graph.constants().values().forEach(buffers::protect);
        Values main = forward(input, true);
        INDArray output = detach(main.get(graph.outputName()), input);
        buffers.protect(output);
        Map<String, INDArray> activations = new LinkedHashMap<>();
        layers.forEach((l, n) -> activations.put(l, detach(main.get(n.output()), input)));
        if (!backward) {
            return new LayerPass(output, null, activations, Map.of());
        }
        Values ref = null;
        if (reference != null) {
            buffers.protect(reference);
            INDArray r = reference;
            if (reference.size(0) != input.size(0)) {
                r = reference.repeat(0, input.size(0));
            }
            ref = forward(r, false);
        }
        Map<String, INDArray> layerGradients = new LinkedHashMap<>();
        INDArray inputGradient = backward(main, ref, output, layerGradients);
        return new LayerPass(output, inputGradient, activations, layerGradients);
    }

    /** Bytes of intermediates this pass freed before returning (for tests of the memory behaviour). */
    long freedBytes() {
        return buffers.freedBytes();
    }

    /** A copy of {@code a} if it shares memory with the caller's input (identity or reshape of it), else {@code a}. */
    private static INDArray detach(INDArray a, INDArray input) {
        return Buffers.root(a) == Buffers.root(input) ? a.dup() : a;
    }

    private Values forward(INDArray input, boolean isMain) {
        Values vals = new Values();
        // Remaining uses: forward readers, plus the holds of the backward pass.
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            for (String in : n.inputs()) {
                vals.uses.merge(in, 1, Integer::sum);
            }
            if (retention[k].inputs()) {
                for (String in : n.inputs()) {
                    vals.uses.merge(in, 1, Integer::sum);
                }
            }
            if (retention[k].output()) {
                vals.uses.merge(n.output(), 1, Integer::sum);
            }
        }
        vals.values.put(graph.inputName(), input);
        vals.shapes.put(graph.inputName(), input.shape());
        for (Node n : nodes) {
            INDArray[] ins = new INDArray[n.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = vals.get(n.inputs().get(i));
            }
            INDArray out = runForward(n, ins);
            if (isMain) {
                UnaryOperator<INDArray> edit = edits.get(n.name());
                if (edit != null) {
                    out = applyEdit(n, out, edit);
                }
                if (requestedValue.containsKey(n.output())) {
                    buffers.protect(out);
                }
            }
            vals.put(n.output(), out);
            for (String in : n.inputs()) {
                vals.use(in);
            }
            if (!vals.uses.containsKey(n.output()) && !n.output().equals(graph.outputName())
                    && !requestedValue.containsKey(n.output())) {
                buffers.release(vals.values.remove(n.output()));
            }
        }
        return vals;
    }

    private INDArray runForward(Node n, INDArray[] ins) {
        try {
            INDArray out = n.forward(ins);
            if (out == null) {
                throw new XaiException("node '" + n.name() + "' (" + n.opType() + ") returned no output");
            }
            return out;
        } catch (XaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidShapeException("node '" + n.name() + "' (" + n.opType() + ") failed on inputs of shape "
                    + shapes(ins) + ": " + e.getMessage(), e);
        }
    }

    private INDArray applyEdit(Node n, INDArray out, UnaryOperator<INDArray> edit) {
        INDArray copy = out.dup();
        INDArray edited = edit.apply(copy);
        if (edited != null && Buffers.root(edited) != Buffers.root(copy)) {
            copy.close();
        }
        if (edited == null || !Arrays.equals(edited.shape(), out.shape())) {
            throw new InvalidShapeException("the edit of layer '" + n.name() + "' must return its activation's shape "
                    + Arrays.toString(out.shape()) + " but returned "
                    + (edited == null ? "null" : Arrays.toString(edited.shape())));
        }
        if (edited.dataType() != out.dataType()) {
            edited = edited.castTo(out.dataType());
        }
        buffers.protect(edited);
        return edited;
    }

    private INDArray backward(Values main, Values ref, INDArray output, Map<String, INDArray> layerGradients) {
        INDArray seed;
        try {
            seed = request.target().seed(output);
        } catch (XaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidTargetException("target " + request.target().describe() + " does not fit output of shape "
                    + Arrays.toString(output.shape()) + ": " + e.getMessage());
        }
        if (seed == null || !Arrays.equals(seed.shape(), output.shape())) {
            throw new InvalidTargetException("target " + request.target().describe() + " gave a seed of shape "
                    + (seed == null ? "null" : Arrays.toString(seed.shape())) + " for an output of shape "
                    + Arrays.toString(output.shape()));
        }
        if (seed.dataType() != output.dataType()) {
            seed = seed.castTo(output.dataType());
        }
        buffers.protect(seed);
        Map<String, INDArray> grads = new HashMap<>();
        long[] inputShape = main.shape(graph.inputName());
        forwardRows = inputShape.length == 0 ? 1 : inputShape[0];
        rows = forwardRows;
        grads.put(graph.outputName(), seed);
        buffers.hold(seed);
        // Without an input gradient the pass stops once every requested layer has its backward value; the
        // loop still walks the remaining nodes to release what the forward pass kept for them.
        int pendingLayers = new java.util.HashSet<>(layers.values()).size();
        boolean stopped = false;
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            if (rules[k] == null) {
                continue;
            }
            INDArray g = grads.remove(n.output());
            if (stopped && g != null) {
                buffers.release(g);
                g = null;
            }
            BackwardEdit edit = stopped ? null : backwardEdits.get(n);
            if (g == null && edit != null) {
                // Nothing arrives at an edited node: its edit still runs (on zeros), so the rows it adds are there.
                g = Nd4j.zeros(output.dataType(), main.shape(n.output()));
                buffers.hold(g);
            }
            if (g != null) {
                if (layers.containsValue(n)) {
                    pendingLayers--;
                }
                for (Map.Entry<String, Node> e : layers.entrySet()) {
                    if (e.getValue() == n) {
                        layerGradients.put(e.getKey(), g);
                        buffers.protect(g);
                    }
                }
                stopped = !request.inputGradient() && pendingLayers == 0;
                if (edit != null && !stopped) {
                    g = applyBackwardEdit(n, g, edit);
                    if (edit.dropsBypass()) {
                        grads.values().forEach(buffers::release);
                        grads.clear();
                    }
                }
                INDArray[] results = stopped ? new INDArray[0] : runRule(k, n, main, ref, g);
                for (int i = 0; i < results.length; i++) {
                    String in = n.inputs().get(i);
                    if (!graph.dependsOnInput(in)) {
                        continue;
                    }
                    INDArray r = results[i];
                    INDArray existing = grads.get(in);
                    if (existing == null) {
                        grads.put(in, r);
                        buffers.hold(r);
                    } else {
                        // r may share its buffer with g (an Add passes its upstream gradient through), so it is
                        // held while summed and freed by count, not closed directly.
                        buffers.hold(r);
                        INDArray sum = existing.add(r);
                        grads.put(in, sum);
                        buffers.hold(sum);
                        buffers.release(existing);
                        buffers.release(r);
                    }
                }
                repeated.forEach(buffers::release);
                repeated.clear();
                buffers.release(g);
            }
            releaseHolds(k, n, main);
            if (ref != null) {
                releaseHolds(k, n, ref);
            }
        }
        if (!request.inputGradient()) {
            grads.values().forEach(buffers::release);
            return null;
        }
        INDArray inputGradient = grads.get(graph.inputName());
        if (inputGradient == null) {
            inputGradient = Nd4j.zeros(output.dataType(), withRows(inputShape));
        } else if (rows != forwardRows && inputGradient.size(0) != rows) {
            // Only paths that bypass every row-adding edit reached the input: the same for every row.
            inputGradient = tiled(inputGradient);
        }
        buffers.protect(inputGradient);
        return inputGradient;
    }

    /** {@code shape} with the backward's row count. */
    private long[] withRows(long[] shape) {
        if (shape.length == 0 || rows == forwardRows) {
            return shape;
        }
        long[] s = shape.clone();
        s[0] = rows;
        return s;
    }

    /** Whether a value of this shape has the forward pass's rows on its first axis. */
    private boolean hasRows(long[] shape) {
        return shape.length > 0 && shape[0] == forwardRows;
    }

    /**
     * The edit's function applied to a copy of {@code g}, checked: the same shape, or — when the forward pass ran on
     * one row — more rows, which the rest of the backward pass then carries.
     */
    private INDArray applyBackwardEdit(Node n, INDArray g, BackwardEdit edit) {
        INDArray copy = g.dup();
        INDArray edited;
        try {
            edited = edit.function().apply(copy);
        } catch (XaiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XaiException("the backward edit at node '" + n.name() + "' (" + n.opType() + ") failed on an"
                    + " array of shape " + Arrays.toString(g.shape()) + ": " + e.getMessage(), e);
        }
        boolean sameRest = edited != null && edited.rank() == g.rank();
        for (int i = 1; sameRest && i < g.rank(); i++) {
            sameRest = edited.size(i) == g.size(i);
        }
        long newRows = edited == null || edited.rank() == 0 ? -1 : edited.size(0);
        long oldRows = g.rank() == 0 ? -1 : g.size(0);
        boolean rowsOk = newRows == oldRows || (forwardRows == 1 && oldRows == 1 && newRows >= 1
                && (rows == forwardRows || newRows == rows));
        if (!sameRest || !rowsOk) {
            throw new InvalidShapeException("the backward edit at node '" + n.name() + "' must return the shape "
                    + Arrays.toString(g.shape()) + (forwardRows == 1 && oldRows == 1 ? " (with any number of rows)" : "")
                    + " but returned " + (edited == null ? "null" : Arrays.toString(edited.shape())));
        }
        if (Buffers.root(edited) != Buffers.root(copy)) {
            copy.close();
        }
        if (edited.dataType() != g.dataType()) {
            edited = edited.castTo(g.dataType());
        }
        if (newRows != oldRows) {
            rows = newRows;
        }
        buffers.hold(edited);
        buffers.release(g);
        return edited;
    }

    private INDArray[] runRule(int k, Node n, Values main, Values ref, INDArray g) {
        int m = n.inputs().size();
        INDArray[] ins = new INDArray[m];
        INDArray[] refIns = ref == null ? null : new INDArray[m];
        long[][] inShapes = new long[m][];
        boolean[] needs = new boolean[m];
        for (int i = 0; i < m; i++) {
            String in = n.inputs().get(i);
            needs[i] = graph.dependsOnInput(in);
            inShapes[i] = main.shape(in);
            if (retention[k].inputs() || graph.constants().containsKey(in)) {
                ins[i] = main.get(in);
                if (ref != null) {
                    refIns[i] = ref.get(in);
                }
            }
        }
        INDArray out = retention[k].output() ? main.get(n.output()) : null;
        INDArray refOut = ref != null && retention[k].output() ? ref.get(n.output()) : null;
        if (rows != forwardRows && g.rank() > 0 && g.size(0) == rows && hasRows(main.shape(n.output()))) {
            // The backward carries more rows than the forward: broadcast the one forward row, or repeat it.
            boolean broadcasts = rules[k].broadcastsRows(n);
            for (int i = 0; i < m; i++) {
                if (needs[i] && hasRows(inShapes[i])) {
                    inShapes[i] = withRows(inShapes[i]);
                    if (!broadcasts) {
                        ins[i] = repeat(ins[i]);
                        if (refIns != null) {
                            refIns[i] = repeat(refIns[i]);
                        }
                    }
                }
            }
            if (!broadcasts) {
                out = repeat(out);
                refOut = repeat(refOut);
            }
        }
        BackwardContext ctx = new BackwardContext(n, ins, inShapes, needs, out, g.shape(), g, refIns, refOut,
                g.dataType());
        INDArray[] results;
        try {
            results = rules[k].backward(ctx);
        } catch (XaiException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XaiException("backward rule " + rules[k].describe() + " failed at node '" + n.name() + "' ("
                    + n.opType() + ") with inputs of shape " + shapes(inShapes) + ": " + e.getMessage(), e);
        }
        if (results == null || results.length != m) {
            throw new XaiException("backward rule " + rules[k].describe() + " at node '" + n.name() + "' returned "
                    + (results == null ? "null" : results.length + " arrays") + " for " + m + " inputs");
        }
        for (int i = 0; i < m; i++) {
            if (!needs[i]) {
                continue;
            }
            if (results[i] == null || !Arrays.equals(results[i].shape(), inShapes[i])) {
                throw new XaiException("backward rule " + rules[k].describe() + " at node '" + n.name() + "' ("
                        + n.opType() + ") returned " + (results[i] == null ? "null" : "shape "
                        + Arrays.toString(results[i].shape())) + " for input " + i + " of shape "
                        + Arrays.toString(inShapes[i]));
            }
        }
        return results;
    }

    /** {@code a}'s one row repeated to the backward's rows (null stays null), held until the rule's results are. */
    private INDArray repeat(INDArray a) {
        if (a == null) {
            return null;
        }
        INDArray r = tiled(a);
        buffers.hold(r);
        repeated.add(r);
        return r;
    }

    /** {@code a}'s one row as the backward's rows: concat, not repeat (ND4J's repeat on axis 0 is about 20× slower). */
    private INDArray tiled(INDArray a) {
        return Nd4j.concat(0, java.util.Collections.nCopies((int) rows, a).toArray(INDArray[]::new));
    }

    private void releaseHolds(int k, Node n, Values vals) {
        if (retention[k].inputs()) {
            for (String in : n.inputs()) {
                vals.use(in);
            }
        }
        if (retention[k].output()) {
            vals.use(n.output());
        }
    }

    private static String shapes(INDArray[] arrays) {
        StringBuilder sb = new StringBuilder();
        for (INDArray a : arrays) {
            sb.append(sb.length() > 0 ? ", " : "").append(a == null ? "?" : Arrays.toString(a.shape()));
        }
        return "[" + sb + "]";
    }

    private static String shapes(long[][] s) {
        StringBuilder sb = new StringBuilder();
        for (long[] a : s) {
            sb.append(sb.length() > 0 ? ", " : "").append(Arrays.toString(a));
        }
        return "[" + sb + "]";
    }
}
