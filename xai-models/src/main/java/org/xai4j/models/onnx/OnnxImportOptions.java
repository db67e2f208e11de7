package org.xai4j.models.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * How an ONNX file becomes a graph.
 *
 * @param input       the runtime input to use when the model has several (null: the only one)
 * @param output      the graph output to return (null: the first)
 * @param dataType    the data type of the graph's parameters and values (FLOAT)
 * @param batchPolicy how the graph splits large batches
 */
public record OnnxImportOptions(String input, String output, DataType dataType, BatchPolicy batchPolicy) {
    /** The first output, the only input, FLOAT, 64 rows per batch. */
    public static final OnnxImportOptions DEFAULT = builder().build();

    /**
     * Checks the options.
     *
     * @param input the runtime input to use when the model has several (null: the only one)
     * @param output the graph output to return (null: the first)
     * @param dataType the data type of the graph's parameters and values
     * @param batchPolicy how the graph splits large batches
     * @throws InvalidConfigException if {@code dataType} is null or not a floating-point type, or {@code batchPolicy}
     *     is null
     */
    public OnnxImportOptions {
        if (dataType == null || !dataType.isFPType()) {
            throw new InvalidConfigException("dataType must be a floating-point type but was " + dataType);
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
     * @return the options as a map of plain values (names of {@code input}, {@code output}, the data type's name,
     *     {@code maxRows}, {@code memoryBudgetBytes}), in that order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("output", output);
        m.put("dataType", dataType.name());
        m.put("maxRows", batchPolicy.maxRows());
        m.put("memoryBudgetBytes", batchPolicy.memoryBudgetBytes());
        return m;
    }

    /** Builds {@link OnnxImportOptions}. */
    public static final class Builder {
        private String input;
        private String output;
        private DataType dataType = DataType.FLOAT;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        /**
         * Which graph input to read when the model has several.
         *
         * @param input the ONNX input's name; null (the default) for the only one
         * @return this builder
         */
        public Builder input(String input) {
            this.input = input;
            return this;
        }

        /**
         * Which output the graph returns.
         *
         * @param output the ONNX output's name; null (the default) for the first
         * @return this builder
         */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        /**
         * The data type of the graph's parameters and values.
         *
         * @param dataType a floating-point type; FLOAT by default
         * @return this builder
         */
        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        /**
         * How the graph splits large batches.
         *
         * @param batchPolicy the policy; {@link BatchPolicy#DEFAULT} (64 rows) by default
         * @return this builder
         */
        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        /**
         * Checks and builds the options.
         *
         * @return the options
         * @throws InvalidConfigException if the data type is not floating-point or the batch policy is null
         */
        public OnnxImportOptions build() {
            return new OnnxImportOptions(input, output, dataType, batchPolicy);
        }
    }
}
