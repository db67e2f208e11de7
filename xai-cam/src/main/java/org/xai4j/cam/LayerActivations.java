package org.xai4j.cam;

import java.util.function.DoubleBinaryOperator;

/**
 * One target layer's activation and, for gradient-based methods, the gradient of each row's target score
 * with respect to it, as flat row-major N×C×H×W arrays in double precision. Owned by the CAM run; treat the
 * arrays as read-only.
 *
 * @param layer      the layer name
 * @param rows       N
 * @param channels   C
 * @param height     H of the layer
 * @param width      W of the layer
 * @param activation the activation, N×C×H×W
 * @param gradient   ∂(row's target score)/∂activation, N×C×H×W, or {@code null} for gradient-free methods
 */
public record LayerActivations(String layer, int rows, int channels, int height, int width, double[] activation,
                               double[] gradient) {
    /**
     * H·W.
     *
     * @return H·W, the number of elements in one (row, channel) plane
     */
    public int plane() {
        return height * width;
    }

    /**
     * The flat index of element (row, channel, 0, 0).
     *
     * @param row the row, 0 ≤ row &lt; N
     * @param channel the channel, 0 ≤ channel &lt; C
     * @return {@code (row·C + channel)·H·W}
     */
    public int offset(int row, int channel) {
        return (row * channels + channel) * plane();
    }

    /**
     * The activations with each (row, channel) plane multiplied by {@code weights[row·C + channel]}.
     *
     * @param weights N·C weights, {@code weights[row·C + channel]}
     * @return a new N×C×H×W flat array
     */
    public double[] scaleChannels(double[] weights) {
        int p = plane();
        double[] out = new double[activation.length];
        for (int rc = 0; rc < rows * channels; rc++) {
            double wgt = weights[rc];
            int base = rc * p;
            for (int q = 0; q < p; q++) {
                out[base + q] = wgt * activation[base + q];
            }
        }
        return out;
    }

    /**
     * Σ over channels of each (row, channel) plane times {@code weights[row·C + channel]}: N×H×W flat. The
     * same values as summing {@link #scaleChannels} over channels (each product added in channel order to a
     * sum starting at 0), without the N×C×H×W intermediate.
     *
     * @param weights N·C weights, {@code weights[row·C + channel]}
     * @return a new N×H×W flat array
     */
    public double[] weightedChannelSum(double[] weights) {
        int p = plane();
        double[] out = new double[rows * p];
        for (int i = 0; i < rows; i++) {
            int ob = i * p;
            for (int c = 0; c < channels; c++) {
                double wgt = weights[i * channels + c];
                int base = (i * channels + c) * p;
                for (int q = 0; q < p; q++) {
                    out[ob + q] += wgt * activation[base + q];
                }
            }
        }
        return out;
    }

    /**
     * A channel weight computed from one (row, channel) plane: the activation and gradient arrays with the
     * plane's index range (pytorch-grad-cam's {@code get_cam_weights}, one plane at a time).
     */
    @FunctionalInterface
    public interface PlaneWeight {
        /**
         * The weight of the plane {@code [from, to)}.
         *
         * @param activation the flat N×C×H×W activation
         * @param gradient   the flat N×C×H×W gradient ({@code null} for gradient-free methods)
         * @param from       the plane's first flat index
         * @param to         one past the plane's last flat index ({@code to − from} = H·W)
         * @return the weight w[n,c]
         */
        double weight(double[] activation, double[] gradient, int from, int to);
    }

    /**
     * One weight per (row, channel) plane, {@code w[row·C + channel]}, from {@code weight} applied to each plane
     * in turn: what a {@link ChannelWeightCam} returns from {@link ChannelWeightCam#channelWeights}.
     *
     * @param weight the weighting of one plane
     * @return a new array of N·C weights
     */
    public double[] planeWeights(PlaneWeight weight) {
        int p = plane();
        double[] w = new double[rows * channels];
        for (int rc = 0; rc < w.length; rc++) {
            w[rc] = weight.weight(activation, gradient, rc * p, (rc + 1) * p);
        }
        return w;
    }

    /**
     * Element-wise {@code f(gradient[i], activation[i])} over the whole N×C×H×W array (HiResCAM's ∂y/∂A ⊙ A,
     * LayerCAM's max(∂y/∂A, 0) ⊙ A).
     *
     * @param f the function of one gradient and one activation value
     * @return a new N×C×H×W flat array
     */
    public double[] gradientWeighted(DoubleBinaryOperator f) {
        double[] out = new double[activation.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(gradient[i], activation[i]);
        }
        return out;
    }
}
