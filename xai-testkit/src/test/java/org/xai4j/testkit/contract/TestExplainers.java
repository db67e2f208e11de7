package org.xai4j.testkit.contract;

import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Names;
import org.xai4j.core.util.Rng;

/**
 * Small but real explainers, written only to exercise the contract over the analytic models (the library's
 * methods live in their own modules), plus deliberately broken ones that each check must catch.
 */
final class TestExplainers {
    private TestExplainers() {
    }

    /** Resolves the target on the input's output, after validating input and target. */
    static Target resolved(DifferentiableModel model, INDArray input, Target target) {
        ModelCalls.requireInput(model, input, "input");
        INDArray out = ModelCalls.predict(model, input);
        target.validate(out.shape());
        return target.resolve(out);
    }

    /** The plain input gradient. */
    static class Gradient implements Explainer<INDArray, Attribution> {
        final DifferentiableModel model;

        Gradient(DifferentiableModel model) {
            this.model = model;
        }

        /** Rows × 2: one forward (the target), one gradient. */
        @Override
        public Optional<Plan> plan(INDArray input, Target target) {
            return Optional.of(new Plan("test-gradient", 2 * input.size(0), "", "2 per row"));
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Limits.start(plan(input, target).orElseThrow());
            Target t = resolved(model, input, target);
            INDArray g = ModelCalls.gradients(model, input, t).inputGradient();
            return new Attribution(g, null, Provenance.of(descriptor(), model.id(), t.describe(), null, null));
        }

        @Override
        public MethodDescriptor descriptor() {
            return new MethodDescriptor("test-gradient", Map.of(), Set.of(Capability.GRADIENTS));
        }
    }

    /** Gradients averaged over Gaussian noise; each row draws from the same seed, so rows are independent of the batch. */
    static final class NoisyGradient implements Explainer<INDArray, Attribution> {
        final DifferentiableModel model;
        final long seed;
        final int samples;
        final double sd;

        NoisyGradient(DifferentiableModel model, long seed, int samples, double sd) {
            this.model = model;
            this.seed = seed;
            this.samples = samples;
            this.sd = sd;
        }

        /** Rows × (samples + 1): one forward (the target), one gradient per sample. */
        @Override
        public Optional<Plan> plan(INDArray input, Target target) {
            return Optional.of(new Plan("test-noisy-gradient", input.size(0) * (samples + 1), "samples",
                    "(1 + samples) per row"));
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Limits.start(plan(input, target).orElseThrow());
            Target t = resolved(model, input, target);
            INDArray sum = Nd4j.zeros(input.dataType(), input.shape());
            for (int i = 0; i < input.size(0); i++) {
                Rng rng = Rng.seeded(seed);
                INDArray row = Batching.rows(input, i, i + 1);
                for (int s = 0; s < samples; s++) {
                    INDArray noisy = row.add(rng.gaussian(input.dataType(), sd, row.shape()));
                    INDArray g = ModelCalls.gradients(model, noisy, t.rows(i, i + 1)).inputGradient();
                    Batching.rows(sum, i, i + 1).addi(g);
                }
            }
            return new Attribution(sum.divi(samples), null, Provenance.of(descriptor(), model.id(), t.describe(), null, seed));
        }

        @Override
        public MethodDescriptor descriptor() {
            return new MethodDescriptor("test-noisy-gradient", Map.of("samples", "" + samples, "sd", "" + sd),
                    Set.of(Capability.GRADIENTS, Capability.STOCHASTIC));
        }
    }

    /** (x − x')·∇f(x) against a baseline. */
    static final class DeltaTimesGradient implements Explainer<INDArray, Attribution> {
        final DifferentiableModel model;
        final Baseline baseline;

        DeltaTimesGradient(DifferentiableModel model, Baseline baseline) {
            this.model = model;
            this.baseline = baseline;
        }

        /** Rows × 2: one forward (the target), one gradient. */
        @Override
        public Optional<Plan> plan(INDArray input, Target target) {
            return Optional.of(new Plan("test-delta-times-gradient", 2 * input.size(0), "", "2 per row"));
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Limits.start(plan(input, target).orElseThrow());
            Target t = resolved(model, input, target);
            INDArray ref = baseline.referenceFor(input, Rng.seeded(0));
            INDArray g = ModelCalls.gradients(model, input, t).inputGradient();
            return new Attribution(input.sub(ref).muli(g), null,
                    Provenance.of(descriptor(), model.id(), t.describe(), baseline.describe(), null));
        }

        @Override
        public MethodDescriptor descriptor() {
            return new MethodDescriptor("test-delta-times-gradient", Map.of(), Set.of(Capability.GRADIENTS, Capability.BASELINE));
        }
    }

    /** Σ over channels of activation × gradient at a named layer (N×H×W). */
    static final class LayerMap implements Explainer<INDArray, Attribution> {
        final LayeredModel model;
        final String layer;

        LayerMap(LayeredModel model, String layer) {
            if (!model.layerNames().contains(layer)) {
                throw new UnknownLayerException(layer, Names.closest(layer, model.layerNames(), 5));
            }
            this.model = model;
            this.layer = layer;
        }

        /** Rows × 2: one forward (the target), one pass to the layer and back. */
        @Override
        public Optional<Plan> plan(INDArray input, Target target) {
            return Optional.of(new Plan("test-layer-map", 2 * input.size(0), "", "2 per row"));
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Limits.start(plan(input, target).orElseThrow());
            Target t = resolved(model, input, target);
            LayerPass p = ModelCalls.call(model, input, () -> model.backward(input, t, List.of(layer)));
            INDArray map = p.activation(layer).mul(p.gradient(layer)).sum(1);
            return new Attribution(map, null, Provenance.of(descriptor(), model.id(), t.describe(), null, null));
        }

        @Override
        public MethodDescriptor descriptor() {
            return new MethodDescriptor("test-layer-map", Map.of("layer", layer), Set.of(Capability.LAYERS));
        }
    }

    /** Broken: scales the caller's input in place. */
    static final class Mutating extends Gradient {
        Mutating(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Attribution a = super.explain(input, target);
            input.muli(1.0000001);
            return a;
        }
    }

    /** Broken: adds noise from an unseeded clock. */
    static final class Unseeded extends Gradient {
        Unseeded(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Attribution a = super.explain(input, target);
            double jitter = (System.nanoTime() % 1000 + 1) * 1e-3;
            return new Attribution(a.values().add(jitter), null, a.provenance());
        }
    }

    /** Broken: subtracts the batch mean, so rows depend on each other. */
    static final class BatchMixing extends Gradient {
        BatchMixing(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Attribution a = super.explain(input, target);
            INDArray v = a.values();
            return new Attribution(v.sub(input.mean(0).broadcast(v.shape())), null, a.provenance());
        }
    }

    /** Broken: never checks its input, so NaN flows through. */
    static final class Unchecked extends Gradient {
        Unchecked(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            INDArray out = model.predict(input);
            Target t = target.resolve(out);
            return new Attribution(model.gradients(input, t).inputGradient().mul(input), null,
                    Provenance.of(descriptor(), model.id(), t.describe(), null, null));
        }
    }

    /** Broken: states one model pass per row, but sends every row through the model twice (forward, gradient). */
    static final class Misplanned extends Gradient {
        Misplanned(DifferentiableModel model) {
            super(model);
        }

        @Override
        public java.util.Optional<org.xai4j.core.run.Plan> plan(INDArray input, Target target) {
            return java.util.Optional.of(new org.xai4j.core.run.Plan("misplanned", input.size(0), "", "1 per row"));
        }
    }

    /** Broken: states the right plan but never declares it, so a budget below it stops the call only midway. */
    static final class Unstarted extends Gradient {
        Unstarted(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Target t = resolved(model, input, target);
            INDArray g = ModelCalls.gradients(model, input, t).inputGradient();
            return new Attribution(g, null, Provenance.of(descriptor(), model.id(), t.describe(), null, null));
        }
    }

    /** Broken: provenance names another method. */
    static final class Misnamed extends Gradient {
        Misnamed(DifferentiableModel model) {
            super(model);
        }

        @Override
        public Attribution explain(INDArray input, Target target) {
            Attribution a = super.explain(input, target);
            Provenance p = a.provenance();
            return new Attribution(a.values(), null, new Provenance("something-else", p.config(), p.modelId(),
                    p.target(), p.baseline(), p.seed(), p.libraryVersion(), p.backend(), p.javaVersion()));
        }
    }
}
