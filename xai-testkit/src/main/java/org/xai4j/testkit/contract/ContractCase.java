package org.xai4j.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.target.Target;

/**
 * One explainer, configured over one model, with the input batch and target the contract runs it on.
 *
 * @param <E> the explanation type
 */
public final class ContractCase<E extends Explanation> {
    final String name;
    final Explainer<INDArray, E> explainer;
    final INDArray input;
    final Target target;
    final Function<? super E, INDArray> values;
    final long[] expectedShape;
    final List<INDArray> watched;
    final int classes;
    final double rowTolerance;
    final Function<String, Explainer<INDArray, E>> withLayer;
    final String layer;
    final long passesBeforePlan;

    private ContractCase(Builder<E> b) {
        this.passesBeforePlan = b.passesBeforePlan;
        this.name = Objects.requireNonNull(b.name, "name");
        this.explainer = Objects.requireNonNull(b.explainer, "explainer");
        this.input = Objects.requireNonNull(b.input, "input");
        this.target = Objects.requireNonNull(b.target, "target");
        this.values = Objects.requireNonNull(b.values, "values");
        this.expectedShape = b.expectedShape == null ? b.input.shape() : b.expectedShape;
        this.watched = List.copyOf(b.watched);
        this.classes = b.classes;
        this.rowTolerance = b.rowTolerance;
        this.withLayer = b.withLayer;
        this.layer = b.layer;
        if (input.size(0) < 2) {
            throw new IllegalArgumentException("contract input needs at least 2 rows to compare batch and rows");
        }
    }

    /**
     * A case for an explainer that returns {@link Attribution}s with the input's shape.
     *
     * @param name      the case's name in test reports
     * @param explainer the explainer under test, already configured over its model
     * @return a builder whose values are {@link Attribution#values()} and whose expected shape is the input's
     */
    public static Builder<Attribution> attribution(String name, Explainer<INDArray, Attribution> explainer) {
        return new Builder<Attribution>(name, explainer).values(Attribution::values);
    }

    /**
     * A case for any explanation type; set {@link Builder#values} and {@link Builder#expectedShape}.
     *
     * @param <E>       the explanation type
     * @param name      the case's name in test reports
     * @param explainer the explainer under test, already configured over its model
     * @return a builder with no values reader set
     */
    public static <E extends Explanation> Builder<E> of(String name, Explainer<INDArray, E> explainer) {
        return new Builder<>(name, explainer);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Builder: {@code input}, {@code target} and {@code classes} are required.
     *
     * @param <E> the explanation type
     */
    public static final class Builder<E extends Explanation> {
        private final String name;
        private final Explainer<INDArray, E> explainer;
        private INDArray input;
        private Target target;
        private Function<? super E, INDArray> values;
        private long[] expectedShape;
        private final List<INDArray> watched = new ArrayList<>();
        private int classes = -1;
        private double rowTolerance = 1e-5;
        private Function<String, Explainer<INDArray, E>> withLayer;
        private String layer;
        private long passesBeforePlan;

        private Builder(String name, Explainer<INDArray, E> explainer) {
            this.name = name;
            this.explainer = explainer;
        }

        /**
         * The batch (≥ 2 rows) to explain.
         *
         * @param input N × (the model's input row shape), N ≥ 2
         * @return this builder
         */
        public Builder<E> input(INDArray input) {
            this.input = input;
            return this;
        }

        /**
         * The target to explain (a per-row class target exercises row selection best).
         *
         * @param target the target the explainer is run with
         * @return this builder
         */
        public Builder<E> target(Target target) {
            this.target = target;
            return this;
        }

        /**
         * The model's number of classes: the contract asks for class {@code classes} and expects a rejection.
         *
         * @param classes the number of classes C, ≥ 1
         * @return this builder
         */
        public Builder<E> classes(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * How to read the explanation's main array (first axis = rows).
         *
         * @param values reads the array whose first axis is the input rows
         * @return this builder
         */
        public Builder<E> values(Function<? super E, INDArray> values) {
            this.values = values;
            return this;
        }

        /**
         * The expected shape of {@link #values}; the input's shape by default.
         *
         * @param shape the full shape, batch axis included; copied
         * @return this builder
         */
        public Builder<E> expectedShape(long... shape) {
            this.expectedShape = shape.clone();
            return this;
        }

        /**
         * Arrays the explainer was given (baselines, background sets) that must stay unchanged.
         *
         * @param arrays arrays the contract compares before and after every call
         * @return this builder
         */
        public Builder<E> watch(INDArray... arrays) {
            watched.addAll(List.of(arrays));
            return this;
        }

        /**
         * Allowed difference between batch and per-row results, relative to the largest magnitude.
         *
         * @param tolerance the relative tolerance, 1e-5 by default
         * @return this builder
         */
        public Builder<E> rowTolerance(double tolerance) {
            this.rowTolerance = tolerance;
            return this;
        }

        /**
         * For layer-based methods: the layer the explainer uses and a factory for the same explainer at
         * another layer; the contract misspells the name and expects an {@link org.xai4j.core.UnknownLayerException}
         * that suggests the real one.
         *
         * @param layer   the layer name the explainer was built with
         * @param factory builds the same explainer at another layer name
         * @return this builder
         */
        public Builder<E> layer(String layer, Function<String, Explainer<INDArray, E>> factory) {
            this.layer = layer;
            this.withLayer = factory;
            return this;
        }

        /**
         * For a method whose cost depends on what its first model passes show (Score-CAM's and Ablation-CAM's
         * channels): it states no plan up front ({@link Explainer#plan} empty) but, after these first
         * {@code passes}, declares the rest through {@link org.xai4j.core.run.Limits#extend} before making any
         * of it; the contract checks the declared total and that a budget below it refuses right after them.
         *
         * @param passes the model passes made before the plan is declared
         * @return this builder
         */
        public Builder<E> planAfterFirstPasses(long passes) {
            this.passesBeforePlan = passes;
            return this;
        }

        /**
         * The case.
         *
         * @return an immutable case
         * @throws IllegalArgumentException if {@code classes} was not set, or the input has fewer than 2 rows
         * @throws NullPointerException if the name, explainer, input, target or values reader is missing
         */
        public ContractCase<E> build() {
            if (classes < 1) {
                throw new IllegalArgumentException("classes must be set for contract case " + name);
            }
            return new ContractCase<>(this);
        }
    }
}
