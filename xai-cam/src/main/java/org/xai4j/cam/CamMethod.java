package org.xai4j.cam;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.util.Names;

/** The CAM methods by name, for configuration files and the command line. */
public enum CamMethod {
    /**
     * Grad-CAM (Selvaraju et al., ICCV 2017): channel weights are the spatial means of the gradient; {@code gradcam}.
     */
    GRAD_CAM("gradcam", GradCam::new),
    /**
     * Grad-CAM++ (Chattopadhay et al., WACV 2018): channel weights from second- and third-order gradient terms;
     * {@code gradcam-plus-plus}.
     */
    GRAD_CAM_PLUS_PLUS("gradcam-plus-plus", GradCamPlusPlus::new),
    /** XGrad-CAM (Fu et al., BMVC 2020): gradients weighted by the normalised activation; {@code xgradcam}. */
    XGRAD_CAM("xgradcam", XGradCam::new),
    /**
     * HiResCAM (Draelos and Carin, 2020): the element-wise product of gradient and activation, summed over channels;
     * {@code hirescam}.
     */
    HIRES_CAM("hirescam", HiResCam::new),
    /**
     * LayerCAM (Jiang et al., IEEE TIP 2021): each activation weighted by its own positive gradient;
     * {@code layercam}.
     */
    LAYER_CAM("layercam", LayerCam::new),
    /**
     * Score-CAM (Wang et al., CVPR Workshops 2020): channel weights are the target scores of the input masked by each
     * upsampled channel; gradient-free; {@code scorecam}.
     */
    SCORE_CAM("scorecam", ScoreCam::new),
    /**
     * Ablation-CAM (Desai and Ramaswamy, WACV 2020): channel weights are the relative score drops when each channel
     * is zeroed; gradient-free; {@code ablationcam}.
     */
    ABLATION_CAM("ablationcam", AblationCam::new),
    /**
     * Eigen-CAM (Muhammad and Yeasin, IJCNN 2020): the first principal component of the activations; class-agnostic;
     * {@code eigencam}.
     */
    EIGEN_CAM("eigencam", EigenCam::new),
    /**
     * Eigen-Grad-CAM (pytorch-grad-cam): the first principal component of gradient ⊙ activation;
     * {@code eigen-gradcam}.
     */
    EIGEN_GRAD_CAM("eigen-gradcam", EigenGradCam::new);

    private final String methodName;
    private final BiFunction<LayeredModel, CamConfig, AbstractCam> factory;

    CamMethod(String methodName, BiFunction<LayeredModel, CamConfig, AbstractCam> factory) {
        this.methodName = methodName;
        this.factory = factory;
    }

    /**
     * The kebab-case name recorded in provenance, e.g. {@code gradcam}: the one name of the method (command line,
     * provenance, docs).
     *
     * @return the method's kebab-case name, e.g. {@code gradcam}
     */
    public String methodName() {
        return methodName;
    }

    /**
     * The method over {@code model} with {@code config}.
     *
     * @param model the model to explain
     * @param config the settings
     * @return a new explainer of this method
     * @throws InvalidConfigException if {@code model} or {@code config} is null
     */
    public AbstractCam create(LayeredModel model, CamConfig config) {
        return factory.apply(model, config);
    }

    /**
     * The method called {@code name} (its kebab-case name); fails listing close names.
     *
     * @param name the method's kebab-case name, e.g. {@code gradcam}
     * @return the method
     * @throws InvalidConfigException if no method has that name, listing the close names (or all of them)
     */
    public static CamMethod of(String name) {
        for (CamMethod m : values()) {
            if (m.methodName.equals(name)) {
                return m;
            }
        }
        List<String> names = Arrays.stream(values()).map(CamMethod::methodName).toList();
        List<String> close = Names.closest(name == null ? "" : name, names, 3);
        throw new InvalidConfigException("unknown CAM method '" + name + "'"
                + (close.isEmpty() ? "; known: " + names : "; did you mean " + close + "?"));
    }
}
