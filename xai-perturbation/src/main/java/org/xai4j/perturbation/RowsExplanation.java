package org.xai4j.perturbation;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.MappedExplanation;
import org.xai4j.core.Provenance;

/**
 * A perturbation method's result: one per-feature result per input row ({@code R}) and an {@link Attribution}
 * of the input's shape in which every element holds its feature's value; the map is the attribution's values.
 *
 * @param <R> one input row's result
 */
public abstract class RowsExplanation<R> implements MappedExplanation {
    private final List<R> rows;
    private final Attribution attribution;

    /**
     * For subclasses: an explanation from its rows and their spread values.
     *
     * @param rows        one result per input row, in input order; copied
     * @param attribution the values spread over the input's shape, with the provenance of the run
     */
    protected RowsExplanation(List<R> rows, Attribution attribution) {
        this.rows = List.copyOf(rows);
        this.attribution = attribution;
    }

    /**
     * Every input row's result.
     *
     * @return an unmodifiable list of N rows, in input order
     */
    public List<R> rows() {
        return rows;
    }

    /**
     * Input row {@code i}'s result.
     *
     * @param i the input row, in [0, N)
     * @return the row's result
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public R row(int i) {
        return rows.get(i);
    }

    /**
     * The per-feature values spread over the input's shape.
     *
     * @return an attribution of the input's shape in which every element holds its feature's value
     */
    public Attribution attribution() {
        return attribution;
    }

    /** The values spread over the input's shape, as {@link #attribution()}'s values. */
    @Override
    public INDArray map() {
        return attribution.values();
    }

    @Override
    public Provenance provenance() {
        return attribution.provenance();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + rows.size() + " rows) by " + provenance().method();
    }
}
