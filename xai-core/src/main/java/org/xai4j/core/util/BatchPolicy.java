package org.xai4j.core.util;

import org.xai4j.core.InvalidConfigException;

/**
 * How many rows one model call may take: at most {@code maxRows}, and at most as many as fit in
 * {@code memoryBudgetBytes} given the bytes one row needs. A budget of 0 means "no memory bound".
 *
 * @param maxRows           the largest batch handed to a model, ≥ 1
 * @param memoryBudgetBytes the working memory one batch may take, or 0 for none
 */
public record BatchPolicy(int maxRows, long memoryBudgetBytes) {
    /** 64 rows, no memory bound. */
    public static final BatchPolicy DEFAULT = new BatchPolicy(64, 0);

    /**
     * Checks the bounds.
     *
     * @param maxRows the largest batch handed to a model, at least 1
     * @param memoryBudgetBytes the working memory one batch may take in bytes, or 0 for no bound
     * @throws InvalidConfigException if {@code maxRows} is below 1 or {@code memoryBudgetBytes} is negative
     */
    public BatchPolicy {
        if (maxRows < 1) {
            throw new InvalidConfigException("maxRows must be at least 1 but was " + maxRows);
        }
        if (memoryBudgetBytes < 0) {
            throw new InvalidConfigException("memoryBudgetBytes must be ≥ 0 but was " + memoryBudgetBytes);
        }
    }

    /**
     * At most {@code maxRows} rows per batch, no memory bound.
     *
     * @param maxRows the largest batch, at least 1
     * @return the policy
     * @throws InvalidConfigException if {@code maxRows} is below 1
     */
    public static BatchPolicy ofRows(int maxRows) {
        return new BatchPolicy(maxRows, 0);
    }

    /**
     * The number of rows per batch for rows of {@code bytesPerRow} bytes: never below 1.
     *
     * @param bytesPerRow the working memory one row needs, in bytes
     * @return min(maxRows, memoryBudgetBytes / bytesPerRow), at least 1; {@code maxRows} without a budget
     */
    public int rowsPerBatch(long bytesPerRow) {
        if (memoryBudgetBytes == 0 || bytesPerRow <= 0) {
            return maxRows;
        }
        long fit = memoryBudgetBytes / bytesPerRow;
        return (int) Math.max(1, Math.min(maxRows, fit));
    }
}
