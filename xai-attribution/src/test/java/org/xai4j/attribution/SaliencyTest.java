package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.HostArrays;
import org.xai4j.testkit.models.CallRecordingModel;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;

class SaliencyTest {
    static final int[] CLASSES = {2, 0, 1};

    static INDArray weights(LinearModel m, int[] classes, int d, boolean abs) {
        double[] w = new double[classes.length * d];
        for (int i = 0; i < classes.length; i++) {
            for (int j = 0; j < d; j++) {
                double v = m.weight(classes[i], j);
                w[i * d + j] = abs ? Math.abs(v) : v;
            }
        }
        return HostArrays.array(w, new long[] {classes.length, d}, DataType.DOUBLE);
    }

    @Test
    void defaultIsTheAbsoluteGradientAsInCaptum() {
        LinearModel m = LinearModel.random(3, 3, 6);
        INDArray x = Data.uniform(1, 3, 6);
        Saliency s = new Saliency(m);
        assertThat(s.descriptor().config()).containsEntry("abs", "true").containsEntry("maxOverChannels", "false");
        Attribution a = s.explain(x, Target.perRow(CLASSES));
        Close.check("|w|", a.values(), weights(m, CLASSES, 6, true), 0);
        assertThat(a.convergenceDelta()).isEmpty();
        INDArray signed = new Saliency(m, SaliencyConfig.DEFAULTS.withAbs(false)).explain(x, Target.perRow(CLASSES)).values();
        Close.check("w", signed, weights(m, CLASSES, 6, false), 0);
        assertThat(signed.minNumber().doubleValue()).as("signed gradient has negative entries").isLessThan(0);
    }

    @Test
    void maxOverChannelsIsTheLargestMagnitudePerPixel() {
        TinyConvNet conv = TinyConvNet.random(4, 3, 4, 5, 3, 6, 7);
        INDArray x = Data.uniform(2, 2, 3, 6, 7);
        INDArray map = new Saliency(conv, SaliencyConfig.DEFAULTS.withMaxOverChannels(true).withBatch(BatchPolicy.ofRows(1)))
                .explain(x, Target.perRow(4, 1)).values();
        INDArray g = conv.gradients(x, Target.perRow(4, 1)).inputGradient();
        double[] expected = new double[2 * 6 * 7];
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 6; y++) {
                for (int xx = 0; xx < 7; xx++) {
                    double best = 0;
                    for (int c = 0; c < 3; c++) {
                        best = Math.max(best, Math.abs(g.getDouble(i, c, y, xx)));
                    }
                    expected[(i * 6 + y) * 7 + xx] = best;
                }
            }
        }
        Close.check("max_c |g|", map, HostArrays.array(expected, new long[] {2, 1, 6, 7}, DataType.DOUBLE), 0);
    }

    @Test
    void aClassOrPredictedTargetCostsOnePassPerRow() {
        TinyConvNet conv = TinyConvNet.random(4, 3, 4, 5, 3, 6, 7);
        INDArray x = Data.uniform(2, 3, 3, 6, 7);
        // the predicted classes, from the model's own forward pass
        INDArray out = conv.predict(x);
        int[] argmax = new int[3];
        for (int i = 0; i < 3; i++) {
            argmax[i] = out.getRow(i).argMax().getInt(0);
        }
        CallRecordingModel counted = CallRecordingModel.recording(conv);
        Attribution a = new Saliency(counted).explain(x, Target.predicted());
        assertThat(counted.calls()).as("one gradient pass, no forward first").isEqualTo(1);
        assertThat(counted.rows()).isEqualTo(3);
        assertThat(a.provenance().target()).isEqualTo("classes " + java.util.Arrays.toString(argmax));
        Close.check("|∂f/∂x| of the predicted classes", a.values(),
                org.nd4j.linalg.ops.transforms.Transforms.abs(conv.gradients(x, Target.perRow(argmax)).inputGradient()), 0);
        CallRecordingModel again = CallRecordingModel.recording(conv);
        new Saliency(again).explain(x, Target.classIndex(2));
        assertThat(again.calls()).isEqualTo(1);
        // a mask or function target still takes a forward pass first to be validated and resolved
        CallRecordingModel masked = CallRecordingModel.recording(conv);
        new Saliency(masked).explain(x, Target.function("sum", o -> o.sum(1), o -> o.like().assign(1)));
        assertThat(masked.calls()).isEqualTo(2);
    }

    @Test
    void aBadClassTargetIsRefusedAsBeforeInTheOnePass() {
        TinyConvNet conv = TinyConvNet.random(4, 3, 4, 5, 3, 6, 7);
        INDArray x = Data.uniform(2, 3, 3, 6, 7);
        INDArray before = x.dup();
        assertThatThrownBy(() -> new Saliency(conv).explain(x, Target.perRow(1, 2)))
                .isInstanceOf(org.xai4j.core.InvalidTargetException.class)
                .hasMessageContaining("2 class indices but the batch has 3 rows");
        assertThatThrownBy(() -> new Saliency(conv).explain(x, Target.classIndex(5)))
                .isInstanceOf(org.xai4j.core.InvalidTargetException.class)
                .hasMessageContaining("outside the model's 5 outputs");
        assertThat(x).isEqualTo(before);
    }

    @Test
    void maxOverChannelsNeedsAnImageBatch() {
        LinearModel m = LinearModel.random(3, 3, 6);
        assertThatThrownBy(() -> new Saliency(m, SaliencyConfig.DEFAULTS.withMaxOverChannels(true))
                .explain(Data.uniform(1, 3, 6), Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("N×C×H×W").hasMessageContaining("[3, 6]");
    }
}
