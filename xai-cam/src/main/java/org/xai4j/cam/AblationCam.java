package org.xai4j.cam;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.Capability;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.LayeredModel;

/**
 * Ablation-CAM (Desai &amp; Ramaswamy, "Ablation-CAM: Visual Explanations for Deep Convolutional Network via
 * Gradient-free Localization", WACV 2020): channel c's weight is the relative drop of the target score when
 * that channel of the layer is set to zero, w[n,c] = (y[n] − y[n]^(c ablated)) / y[n]. Every ablation is one
 * forward pass from the edited layer on ({@link LayeredModel#predictWithEdit}), run
 * {@link CamConfig#batch()} ablations per model call. A target score of exactly 0 makes the weights
 * undefined and is reported as a {@link NonFiniteValueException}.
 */
public final class AblationCam extends ChannelWeightCam {
    /**
     * Ablation-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last
     * spatial layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public AblationCam(LayeredModel model, CamConfig config) {
        super(CamMethod.ABLATION_CAM.methodName(), model, config, Capability.LAYERS);
    }

    @Override
    protected boolean costKnownAfterLayerPass() {
        return true;
    }

    /** One ablated forward pass per row and channel of the layer. */
    @Override
    protected long passesAfterLayerPass(CamContext context, LayerActivations layer) {
        return Math.multiplyExact((long) layer.rows(), layer.channels());
    }

    @Override
    protected double[] channelWeights(CamContext context, LayerActivations layer) {
        INDArray x = context.input();
        int n = layer.rows();
        int c = layer.channels();
        double[] y = context.target().scoreValues(context.output());
        double[] ablated = new double[n * c];
        InputBatch batch = new InputBatch(x, config.batch().maxRows());
        for (int start = 0; start < n * c; start += config.batch().maxRows()) {
            int m = Math.min(config.batch().maxRows(), n * c - start);
            int[] channels = new int[m];
            for (int j = 0; j < m; j++) {
                batch.addCopy((start + j) / c);
                channels[j] = (start + j) % c;
            }
            int[] rows = batch.sourceRows();
            try (INDArray b = batch.take()) {
                double[] s = context.target().select(rows).scoreValues(edited(b, layer, channels));
                System.arraycopy(s, 0, ablated, start, m);
            }
        }
        double[] w = new double[n * c];
        for (int i = 0; i < n; i++) {
            if (y[i] == 0) {
                throw new NonFiniteValueException("ablation-cam: the target score of row " + i + " is 0, so the"
                        + " relative drops (y − y_ablated) / y are undefined");
            }
            for (int k = 0; k < c; k++) {
                w[i * c + k] = (y[i] - ablated[i * c + k]) / y[i];
            }
        }
        return w;
    }

    /** One forward pass of {@code batch} with channel {@code channels[j]} of row j zeroed at the layer. */
    private INDArray edited(INDArray batch, LayerActivations layer, int[] channels) {
        int m = channels.length;
        long[] expected = {m, layer.channels(), layer.height(), layer.width()};
        UnaryOperator<INDArray> zero = a -> {
            if (!Arrays.equals(a.shape(), expected)) {
                throw new XaiException("layer '" + layer.layer() + "' of model " + model.id() + " has shape "
                        + Arrays.toString(a.shape()) + " in an edited pass but " + Arrays.toString(expected)
                        + " was expected");
            }
            int[] planes = new int[m];
            for (int j = 0; j < m; j++) {
                planes[j] = j * layer.channels() + channels[j];
            }
            // a is the engine's copy of the activation, ours to modify (LayeredModel.predictWithEdit)
            MapOps.zeroPlanes(a, planes, layer.plane());
            return a;
        };
        return ModelCalls.predictWithEdit(model, batch, layer.layer(), zero);
    }
}
