package org.xai4j.models.ort;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads per operator, 0 for ONNX Runtime's default (all cores)
 * @param output         the output to return, null for the first
 * @param batchPolicy    how large batches are split into runs
 */
public record OnnxRuntimeOptions(int intraOpThreads, String output, BatchPolicy batchPolicy) {
    /** ONNX Runtime's default threads, the first output, 64 rows per run. */
    public static final OnnxRuntimeOptions DEFAULT = new OnnxRuntimeOptions(0, null, BatchPolicy.DEFAULT);

    /**
     * Checks the options.
     *
     * @param intraOpThreads threads per operator, 0 for ONNX Runtime's default (all cores)
     * @param output the output to return, null for the first
     * @param batchPolicy how large batches are split into runs
     * @throws InvalidConfigException if {@code intraOpThreads} is negative or {@code batchPolicy} is null
     */
    public OnnxRuntimeOptions {
        if (intraOpThreads < 0) {
            throw new InvalidConfigException("intraOpThreads must be ≥ 0 but was " + intraOpThreads);
        }
        if (batchPolicy == null) {
            throw new InvalidConfigException("batchPolicy must not be null");
        }
    }

    /**
     * A builder starting from the defaults of {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * For provenance.
     *
     * @return the options as a map of plain values ({@code intraOpThreads}, {@code output}, {@code maxRows})
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intraOpThreads", intraOpThreads);
        m.put("output", output);
        m.put("maxRows", batchPolicy.maxRows());
        return m;
    }

    /** Builds {@link OnnxRuntimeOptions}. */
    public static final class Builder {
        private int intraOpThreads;
        private String output;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        /**
         * Threads ONNX Runtime uses inside one operator.
         *
         * @param threads at least 0; 0 (the default) lets ONNX Runtime use all cores
         * @return this builder
         */
        public Builder intraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Which model output {@code predict} returns.
         *
         * @param output the ONNX output's name; null (the default) for the first
         * @return this builder
         */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        /**
         * How large batches are split into runs.
         *
         * @param policy the policy; {@link BatchPolicy#DEFAULT} (64 rows) by default
         * @return this builder
         */
        public Builder batchPolicy(BatchPolicy policy) {
            this.batchPolicy = policy;
            return this;
        }

        /**
         * Checks and builds the options.
         *
         * @return the options
         * @throws InvalidConfigException if {@code intraOpThreads} is negative or the batch policy is null
         */
        public OnnxRuntimeOptions build() {
            return new OnnxRuntimeOptions(intraOpThreads, output, batchPolicy);
        }
    }
}
