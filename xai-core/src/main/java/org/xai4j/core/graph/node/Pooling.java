package org.xai4j.core.graph.node;

/** Shared arithmetic of the pooling nodes. */
final class Pooling {
    private Pooling() {
    }

    /**
     * The padding beyond {@code padAfter} that ceil mode adds so that the last, partial window exists (as in
     * PyTorch and ONNX: the last window must start inside the input or the leading padding).
     */
    static int ceilExtra(long size, int padBefore, int padAfter, long span, int stride) {
        long padded = size + padBefore + padAfter - span;
        long outCeil = (padded + stride - 1) / stride + 1;
        if ((outCeil - 1) * stride >= size + padBefore) {
            outCeil--;
        }
        long need = (outCeil - 1) * stride + span - (size + padBefore + padAfter);
        return (int) Math.max(0, need);
    }
}
