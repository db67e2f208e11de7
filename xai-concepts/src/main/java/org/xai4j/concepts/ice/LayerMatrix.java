package org.xai4j.concepts.ice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.concepts.LayerRows;
import org.xai4j.concepts.nmf.RowBlocks;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Names;

/**
 * The activations of one layer over a set of images as the matrix ICE factorises: one row per spatial position
 * ((N·h·w) × C), one block per model batch. The model runs once per batch; each block is the only copy of that
 * batch's activations (in the layer's own precision), so V is held once and read many times by NMF.
 */
public final class LayerMatrix implements RowBlocks {
    private final String layer;
    private final String modelId;
    private final List<INDArray> blocks;
    private final int images;
    private final int channels;
    private final int height;
    private final int width;

    private LayerMatrix(String layer, String modelId, List<INDArray> blocks, int images, int channels, int height,
                        int width) {
        this.layer = layer;
        this.modelId = modelId;
        this.blocks = List.copyOf(blocks);
        this.images = images;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * Runs {@code model} on {@code images} in batches of {@code rowsPerBatch} and keeps {@code layer}'s rows.
     *
     * @param model the model
     * @param layer the layer to collect, N×C×h×w
     * @param images N×C×H×W images (not modified)
     * @param rowsPerBatch images per model call, at least 1
     * @return the (N·h·w) × C activations, in blocks
     */
    public static LayerMatrix of(LayeredModel model, String layer, INDArray images, int rowsPerBatch) {
        requireLayer(model, layer);
        ModelCalls.requireInput(model, images, "images");
        List<INDArray> blocks = new ArrayList<>();
        int c = -1;
        int h = -1;
        int w = -1;
        for (Batching.Range r : Batching.ranges(images.size(0), rowsPerBatch)) {
            INDArray xb = images.get(NDArrayIndex.interval(r.from(), r.to()));
            INDArray a = ModelCalls.forward(model, xb, List.of(layer)).activation(layer);
            LayerRows.requireImageLayer(a, layer, model.id());
            if (c < 0) {
                c = (int) a.size(1);
                h = (int) a.size(2);
                w = (int) a.size(3);
            } else if (a.size(1) != c || a.size(2) != h || a.size(3) != w) {
                throw new InvalidShapeException("layer '" + layer + "' changed shape between batches: "
                        + Arrays.toString(a.shape()) + " after [" + c + ", " + h + ", " + w + "]");
            }
            DataType t = a.dataType().isFPType() ? a.dataType() : DataType.FLOAT;
            blocks.add(LayerRows.toRows(a, t));
        }
        return new LayerMatrix(layer, model.id(), blocks, (int) images.size(0), c, h, w);
    }

    static void requireLayer(LayeredModel model, String layer) {
        List<String> names = model.layerNames();
        if (!names.contains(layer)) {
            throw new UnknownLayerException(layer, Names.closest(layer, names, 5));
        }
    }

    /**
     * The layer.
     *
     * @return the layer's name
     */
    public String layer() {
        return layer;
    }

    /**
     * The number of images.
     *
     * @return N
     */
    public int images() {
        return images;
    }

    /**
     * C.
     *
     * @return C
     */
    public int channels() {
        return channels;
    }

    /**
     * h.
     *
     * @return the layer's height h
     */
    public int height() {
        return height;
    }

    /**
     * w.
     *
     * @return the layer's width w
     */
    public int width() {
        return width;
    }

    @Override
    public long rows() {
        return (long) images * height * width;
    }

    @Override
    public int cols() {
        return channels;
    }

    @Override
    public int blockCount() {
        return blocks.size();
    }

    @Override
    public INDArray block(int b) {
        return blocks.get(b);
    }

    @Override
    public String describe() {
        return "the activations of layer '" + layer + "' of model " + modelId;
    }
}
