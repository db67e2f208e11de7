package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.core.InvalidConfigException;

/**
 * Everything the report shows about one input: the image, the prediction, the top classes and each
 * method's result.
 *
 * @param name       heading (e.g. "test image 17")
 * @param image      the input as an image
 * @param prediction predicted class name, or {@code null}
 * @param trueLabel  the true class name, or {@code null} when unknown
 * @param topK       the most probable classes, largest first (may be empty)
 * @param methods    one entry per method (may be empty)
 */
public record ReportInput(String name, BufferedImage image, String prediction, String trueLabel, List<ClassScore> topK,
                          List<MethodResult> methods) {
    /**
     * Checks the values and copies the lists.
     *
     * @param name heading (e.g. "test image 17")
     * @param image the input as an image
     * @param prediction predicted class name, or {@code null}
     * @param trueLabel the true class name, or {@code null} when unknown
     * @param topK the most probable classes, largest first (may be empty)
     * @param methods one entry per method (may be empty)
     * @throws org.xai4j.core.InvalidConfigException if {@code name} or {@code image} is null
     */
    public ReportInput {
        if (name == null || image == null) {
            throw new InvalidConfigException("a report input needs a name and an image");
        }
        topK = List.copyOf(topK == null ? List.of() : topK);
        methods = List.copyOf(methods == null ? List.of() : methods);
    }

    /**
     * A builder for an input called {@code name}.
     *
     * @param name the heading, e.g. "test image 17"
     * @param image the input as an image
     * @return a new builder
     */
    public static Builder builder(String name, BufferedImage image) {
        return new Builder(name, image);
    }

    /** Builder for the optional parts. */
    public static final class Builder {
        private final String name;
        private final BufferedImage image;
        private String prediction;
        private String trueLabel;
        private List<ClassScore> topK = new ArrayList<>();
        private final List<MethodResult> methods = new ArrayList<>();

        private Builder(String name, BufferedImage image) {
            this.name = name;
            this.image = image;
        }

        /**
         * The predicted class.
         *
         * @param v the class name, or null
         * @return this builder
         */
        public Builder prediction(String v) {
            prediction = v;
            return this;
        }

        /**
         * The true class.
         *
         * @param v the class name, or null when unknown
         * @return this builder
         */
        public Builder trueLabel(String v) {
            trueLabel = v;
            return this;
        }

        /**
         * The most probable classes.
         *
         * @param v the scores, largest first
         * @return this builder
         */
        public Builder topK(List<ClassScore> v) {
            topK = new ArrayList<>(v);
            return this;
        }

        /**
         * Adds one method's result.
         *
         * @param v the result, not null
         * @return this builder
         * @throws org.xai4j.core.InvalidConfigException if {@code v} is null
         */
        public Builder method(MethodResult v) {
            if (v == null) {
                throw new InvalidConfigException("method result must not be null");
            }
            methods.add(v);
            return this;
        }

        /**
         * Checks and builds the input.
         *
         * @return the input
         * @throws org.xai4j.core.InvalidConfigException if the name or image is null
         */
        public ReportInput build() {
            return new ReportInput(name, image, prediction, trueLabel, topK, methods);
        }
    }
}
