package org.xai4j.cam;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.util.Names;

/** The CAM methods by name, for configuration files and the command line. */
public enum CamMethod {
    GRAD_CAM("gradcam", GradCam::new),
    GRAD_CAM_PLUS_PLUS("gradcam-plus-plus", GradCamPlusPlus::new),
    XGRAD_CAM("xgradcam", XGradCam::new),
    HIRES_CAM("hirescam", HiResCam::new),
    LAYER_CAM("layercam", LayerCam::new),
    SCORE_CAM("scorecam", ScoreCam::new),
    ABLATION_CAM("ablationcam", AblationCam::new),
    EIGEN_CAM("eigencam", EigenCam::new),
    EIGEN_GRAD_CAM("eigen-gradcam", EigenGradCam::new);

    private final String methodName;
    private final BiFunction<LayeredModel, CamConfig, AbstractCam> factory;

    CamMethod(String methodName, BiFunction<LayeredModel, CamConfig, AbstractCam> factory) {
        this.methodName = methodName;
        this.factory = factory;
    }

    /** The kebab-case name recorded in provenance, e.g. {@code gradcam}: the one name of the method (command line, provenance, docs). */
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
