package org.xai4j.concepts.nmf;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * A matrix V (rows × cols) read as consecutive blocks of rows, so that algorithms pass over it block by block and
 * never hold a second copy. Blocks are read-only for their users: nothing in this package modifies them.
 */
public interface RowBlocks {
    /**
     * The number of rows of V.
     *
     * @return the number of rows, at least 0
     */
    long rows();

    /**
     * The number of columns of V.
     *
     * @return the number of columns C
     */
    int cols();

    /**
     * The number of blocks.
     *
     * @return the number of blocks
     */
    int blockCount();

    /**
     * Block {@code b}: a rank-2 array of that block's rows × {@link #cols()} (a view or held array; not modified).
     *
     * @param b a block, 0 ≤ b &lt; {@link #blockCount()}
     * @return the block's rows
     */
    INDArray block(int b);

    /**
     * What the matrix is, for messages (for example "activations of layer 'relu2'").
     *
     * @return a short description
     */
    String describe();

    /**
     * The rows of {@code matrix} (rank 2) in blocks of at most {@code rowsPerBlock} rows: views, no copy. The
     * caller must not modify {@code matrix} while it is being read.
     *
     * @param matrix a rank-2 array
     * @param rowsPerBlock the most rows per block, at least 1
     * @param description what the matrix is, for messages
     * @return the blocks
     */
    static RowBlocks of(INDArray matrix, int rowsPerBlock, String description) {
        if (matrix == null) {
            throw new InvalidShapeException(description + ": expected a rows × cols matrix but got null");
        }
        if (matrix.rank() != 2 || matrix.size(0) < 1 || matrix.size(1) < 1) {
            throw new InvalidShapeException(description + ": expected a non-empty rows × cols matrix (rank 2) but got shape "
                    + Arrays.toString(matrix.shape()));
        }
        if (!matrix.dataType().isFPType()) {
            throw new InvalidShapeException(description + ": expected floating-point values but got " + matrix.dataType());
        }
        if (rowsPerBlock < 1) {
            throw new InvalidConfigException("rowsPerBlock must be at least 1 but was " + rowsPerBlock);
        }
        long rows = matrix.size(0);
        int cols = Math.toIntExact(matrix.size(1));
        int blocks = Math.toIntExact((rows + rowsPerBlock - 1) / rowsPerBlock);
        return new RowBlocks() {
            @Override
            public long rows() {
                return rows;
            }

            @Override
            public int cols() {
                return cols;
            }

            @Override
            public int blockCount() {
                return blocks;
            }

            @Override
            public INDArray block(int b) {
                long r0 = (long) b * rowsPerBlock;
                long r1 = Math.min(rows, r0 + rowsPerBlock);
                if (r0 == 0 && r1 == rows) {
                    return matrix;
                }
                return matrix.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
