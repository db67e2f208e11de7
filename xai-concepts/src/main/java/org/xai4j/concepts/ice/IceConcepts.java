package org.xai4j.concepts.ice;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.concepts.nmf.NmfResult;
import org.xai4j.core.Explanation;
import org.xai4j.core.Provenance;
import org.xai4j.core.util.HostArrays;

/**
 * Concepts fitted by {@link Ice#fit}: K non-negative directions in the C-dimensional channel space of a layer
 * (the rows of P), with the factorisation's statistics and the fitting images' scores.
 */
public final class IceConcepts implements Explanation {
    private final IceConfig config;
    private final String layer;
    private final int channels;
    private final double[] directions;
    private final NmfResult fit;
    private final double[] fitScores;
    private final int images;
    private final Integer classIndex;
    private final Provenance provenance;

    IceConcepts(IceConfig config, int channels, NmfResult fit, double[] fitScores, int images, Integer classIndex,
                Provenance provenance) {
        this.config = config;
        this.layer = config.layer();
        this.channels = channels;
        this.directions = fit.componentValues();
        this.fit = fit;
        this.fitScores = fitScores.clone();
        this.images = images;
        this.classIndex = classIndex;
        this.provenance = provenance;
    }

    /**
     * The settings.
     *
     * @return the settings the concepts were fitted with
     */
    public IceConfig config() {
        return config;
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
     * K.
     *
     * @return the number of concepts K
     */
    public int count() {
        return fit.components();
    }

    /**
     * C.
     *
     * @return the number of channels C of the layer
     */
    public int channels() {
        return channels;
    }

    /**
     * The concept directions P, K × C, non-negative (a new double array).
     *
     * @return a new K × C DOUBLE array
     */
    public INDArray directions() {
        return HostArrays.array(directions, new long[] {count(), channels}, DataType.DOUBLE);
    }

    /**
     * P as a row-major copy.
     *
     * @return a new array of K · C values
     */
    public double[] directionValues() {
        return directions.clone();
    }

    /**
     * The factorisation (S of the fitting data, objective history, iterations, errors).
     *
     * @return the NMF result
     */
    public NmfResult fit() {
        return fit;
    }

    /**
     * ‖V − S·P‖_F / ‖V‖_F on the fitting data.
     *
     * @return the relative error, at least 0
     */
    public double relativeError() {
        return fit.relativeError();
    }

    /**
     * The fitting images' concept scores (spatial means of S), N × K (a new double array).
     *
     * @return a new N × K DOUBLE array
     */
    public INDArray fitScores() {
        return HostArrays.array(fitScores, new long[] {images, count()}, DataType.DOUBLE);
    }

    /**
     * The number of fitting images.
     *
     * @return N
     */
    public int images() {
        return images;
    }

    /**
     * The class the concepts were fitted for, or {@code null} when fitted on all images.
     *
     * @return the class index, or null
     */
    public Integer classIndex() {
        return classIndex;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }
}
