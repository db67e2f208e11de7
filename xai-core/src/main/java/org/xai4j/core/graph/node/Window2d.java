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

    /** A {@code kh×kw} window with stride 1, dilation 1 and no padding. */
    public static Window2d of(int kh, int kw) {
        return new Window2d(kh, kw, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    public Window2d strides(int sh, int sw) {
        return new Window2d(kernelH, kernelW, sh, sw, dilationH, dilationW, padTop, padLeft, padBottom, padRight);
    }

    public Window2d dilations(int dh, int dw) {
        return new Window2d(kernelH, kernelW, strideH, strideW, dh, dw, padTop, padLeft, padBottom, padRight);
    }

    /** Paddings in ONNX order: top, left, bottom, right. */
    public Window2d pads(int top, int left, int bottom, int right) {
        return new Window2d(kernelH, kernelW, strideH, strideW, dilationH, dilationW, top, left, bottom, right);
    }

    /** The same padding on every side. */
    public Window2d pads(int all) {
        return pads(all, all, all, all);
    }

    /** Whether top = bottom and left = right (what the native kernels take). */
    public boolean symmetric() {
        return padTop == padBottom && padLeft == padRight;
    }

    /** Whether there is no padding at all. */
    public boolean unpadded() {
        return padTop == 0 && padLeft == 0 && padBottom == 0 && padRight == 0;
    }

    /** The extent of the dilated kernel along H. */
    public long spanH() {
        return (long) (kernelH - 1) * dilationH + 1;
    }

    /** The extent of the dilated kernel along W. */
    public long spanW() {
        return (long) (kernelW - 1) * dilationW + 1;
    }

    /** The output height for an input of height {@code h} (floor mode). */
    public long outH(long h) {
        long padded = h + padTop + padBottom - spanH();
        if (padded < 0) {
            throw new InvalidShapeException("a window of height " + spanH() + " does not fit an input of height " + h
                    + " padded by " + padTop + "+" + padBottom);
        }
        return padded / strideH + 1;
    }

    /** The output width for an input of width {@code w} (floor mode). */
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

    /** For provenance and descriptions. */
    public Map<String, Object> toMap() {
        return Map.of("kernel", new int[] {kernelH, kernelW}, "strides", new int[] {strideH, strideW},
                "dilations", new int[] {dilationH, dilationW}, "pads", new int[] {padTop, padLeft, padBottom, padRight});
    }
}
