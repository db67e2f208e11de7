package org.xai4j.core.graph.node;

import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * The geometry of a 2-D sliding window (convolution or pooling) over NCHW arrays: kernel size, strides,
 * dilations and the four paddings (ONNX order: top, left, bottom, right).
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                       int padTop, int padLeft, int padBottom, int padRight) {
    /**
     * Checks the geometry.
     *
     * @param kernelH the kernel height
     * @param kernelW the kernel width
     * @param strideH the vertical stride
     * @param strideW the horizontal stride
     * @param dilationH the vertical dilation
     * @param dilationW the horizontal dilation
     * @param padTop rows added above
     * @param padLeft columns added on the left
     * @param padBottom rows added below
     * @param padRight columns added on the right
     * @throws InvalidConfigException if a kernel size, stride or dilation is below 1 or a padding is negative
     */
    public Window2d {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new InvalidConfigException("kernel, strides and dilations must be ≥ 1 but got kernel " + kernelH
                    + "×" + kernelW + ", strides " + strideH + "×" + strideW + ", dilations " + dilationH + "×"
                    + dilationW);
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new InvalidConfigException("pads must be ≥ 0 but got " + padTop + "," + padLeft + "," + padBottom
                    + "," + padRight);
        }
    }

    /**
     * A {@code kh×kw} window with stride 1, dilation 1 and no padding.
     *
     * @param kh the kernel height, at least 1
     * @param kw the kernel width, at least 1
     * @return the window
     */
    public static Window2d of(int kh, int kw) {
        return new Window2d(kh, kw, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    /**
     * This window with other strides.
     *
     * @param sh the vertical stride, at least 1
     * @param sw the horizontal stride, at least 1
     * @return a new window
     */
    public Window2d strides(int sh, int sw) {
        return new Window2d(kernelH, kernelW, sh, sw, dilationH, dilationW, padTop, padLeft, padBottom, padRight);
    }

    /**
     * This window with other dilations.
     *
     * @param dh the vertical dilation, at least 1
     * @param dw the horizontal dilation, at least 1
     * @return a new window
     */
    public Window2d dilations(int dh, int dw) {
        return new Window2d(kernelH, kernelW, strideH, strideW, dh, dw, padTop, padLeft, padBottom, padRight);
    }

    /**
     * Paddings in ONNX order: top, left, bottom, right.
     *
     * @param top rows added above, at least 0
     * @param left columns added on the left, at least 0
     * @param bottom rows added below, at least 0
     * @param right columns added on the right, at least 0
     * @return a new window
     */
    public Window2d pads(int top, int left, int bottom, int right) {
        return new Window2d(kernelH, kernelW, strideH, strideW, dilationH, dilationW, top, left, bottom, right);
    }

    /**
     * The same padding on every side.
     *
     * @param all the padding, at least 0
     * @return a new window
     */
    public Window2d pads(int all) {
        return pads(all, all, all, all);
    }

    /**
     * Whether top = bottom and left = right (what the native kernels take).
     *
     * @return true when the padding is symmetric
     */
    public boolean symmetric() {
        return padTop == padBottom && padLeft == padRight;
    }

    /**
     * Whether there is no padding at all.
     *
     * @return true when every padding is 0
     */
    public boolean unpadded() {
        return padTop == 0 && padLeft == 0 && padBottom == 0 && padRight == 0;
    }

    /**
     * The extent of the dilated kernel along H.
     *
     * @return (kernelH − 1)·dilationH + 1
     */
    public long spanH() {
        return (long) (kernelH - 1) * dilationH + 1;
    }

    /**
     * The extent of the dilated kernel along W.
     *
     * @return (kernelW − 1)·dilationW + 1
     */
    public long spanW() {
        return (long) (kernelW - 1) * dilationW + 1;
    }

    /**
     * The output height for an input of height {@code h} (floor mode).
     *
     * @param h the input height
     * @return (h + padTop + padBottom − spanH) / strideH + 1
     * @throws InvalidShapeException if the window does not fit the padded input
     */
    public long outH(long h) {
        long padded = h + padTop + padBottom - spanH();
        if (padded < 0) {
            throw new InvalidShapeException("a window of height " + spanH() + " does not fit an input of height " + h
                    + " padded by " + padTop + "+" + padBottom);
        }
        return padded / strideH + 1;
    }

    /**
     * The output width for an input of width {@code w} (floor mode).
     *
     * @param w the input width
     * @return (w + padLeft + padRight − spanW) / strideW + 1
     * @throws InvalidShapeException if the window does not fit the padded input
     */
    public long outW(long w) {
        long padded = w + padLeft + padRight - spanW();
        if (padded < 0) {
            throw new InvalidShapeException("a window of width " + spanW() + " does not fit an input of width " + w
                    + " padded by " + padLeft + "+" + padRight);
        }
        return padded / strideW + 1;
    }

    /** The libnd4j integer arguments {@code kH,kW,sH,sW,pH,pW,dH,dW,sameMode} with the given symmetric pads. */
    int[] nativeArgs(int padH, int padW) {
        return new int[] {kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, 0};
    }

    /**
     * For provenance and descriptions.
     *
     * @return an unmodifiable map: kernel, strides, dilations, pads
     */
    public Map<String, Object> toMap() {
        return Map.of("kernel", new int[] {kernelH, kernelW}, "strides", new int[] {strideH, strideW},
                "dilations", new int[] {dilationH, dilationW}, "pads", new int[] {padTop, padLeft, padBottom, padRight});
    }
}
