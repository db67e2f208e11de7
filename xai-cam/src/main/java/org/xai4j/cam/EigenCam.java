package org.xai4j.cam;

import org.xai4j.core.Capability;
import org.xai4j.core.model.LayeredModel;

/**
 * Eigen-CAM (Muhammad &amp; Yeasin, "Eigen-CAM: Class Activation Map using Principal Components", IJCNN
 * 2020): the projection of the layer's activations on their first principal component. It uses no
 * gradient and no class: the target is validated and recorded but does not change the map. The sign
 * convention is {@link EigenProjection}'s.
 */
public final class EigenCam extends AbstractCam {
    /**
     * Eigen-CAM over {@code model} with {@code config}; with no layer in {@code config}, at the model's last spatial
     * layer ({@link CamLayers#lastSpatial(org.xai4j.core.model.LayeredModel)}).
     *
     * @param model the model; the layers named in {@code config} are its nodes
     * @param config the settings, e.g. {@link CamConfig#of(String...)}
     * @throws org.xai4j.core.InvalidConfigException if {@code model} or {@code config} is null
     */
    public EigenCam(LayeredModel model, CamConfig config) {
        super(CamMethod.EIGEN_CAM.methodName(), model, config, Capability.LAYERS);
    }

    @Override
    protected boolean alwaysProjects() {
        return true;
    }

    @Override
    protected double[] weightedActivations(CamContext context, LayerActivations layer) {
        return layer.activation();
    }
}
