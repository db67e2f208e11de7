package org.xai4j.cam;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.util.Names;

/** The CAM methods by name, for configuration files and the command line. */
public enum CamMethod {
    GRAD_CAM("grad-cam", GradCam::new),
    GRAD_CAM_PLUS_PLUS("grad-cam-plus-plus", GradCamPlusPlus::new),
    XGRAD_CAM("xgrad-cam", XGradCam::new),
    HIRES_CAM("hires-cam", HiResCam::new),
    LAYER_CAM("layer-cam", LayerCam::new),
    SCORE_CAM("score-cam", ScoreCam::new),
    ABLATION_CAM("ablation-cam", AblationCam::new),
    EIGEN_CAM("eigen-cam", EigenCam::new),
    EIGEN_GRAD_CAM("eigen-grad-cam", EigenGradCam::new);

    private final String methodName;
    private final BiFunction<LayeredModel, CamConfig, AbstractCam> factory;

    CamMethod(String methodName, BiFunction<LayeredModel, CamConfig, AbstractCam> factory) {
        this.methodName = methodName;
        this.factory = factory;
    }

    /** The kebab-case name recorded in provenance, e.g. {@code grad-cam}. */
    public String methodName() {
        return methodName;
    }

    /** The method over {@code model} with {@code config}. */
    public AbstractCam create(LayeredModel model, CamConfig config) {
        return factory.apply(model, config);
    }

    /** The method called {@code name} (its kebab-case name); fails listing close names. */
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
