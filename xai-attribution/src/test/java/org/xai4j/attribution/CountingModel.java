package org.xai4j.attribution;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.target.Target;

/** Delegates to a model and records how many calls it got and the largest batch. */
final class CountingModel implements DifferentiableModel {
    final DifferentiableModel model;
    final AtomicInteger predictCalls = new AtomicInteger();
    final AtomicInteger predictRows = new AtomicInteger();
    final AtomicInteger gradientCalls = new AtomicInteger();
    final AtomicInteger gradientRows = new AtomicInteger();
    final AtomicInteger largestBatch = new AtomicInteger();

    CountingModel(DifferentiableModel model) {
        this.model = model;
    }

    @Override
    public INDArray predict(INDArray input) {
        predictCalls.incrementAndGet();
        predictRows.addAndGet((int) input.size(0));
        largestBatch.accumulateAndGet((int) input.size(0), Math::max);
        return model.predict(input);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        gradientCalls.incrementAndGet();
        gradientRows.addAndGet((int) input.size(0));
        largestBatch.accumulateAndGet((int) input.size(0), Math::max);
        return model.gradients(input, target);
    }

    @Override
    public Optional<long[]> rowShape() {
        return model.rowShape();
    }

    @Override
    public String id() {
        return model.id();
    }
}
