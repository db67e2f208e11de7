package org.xai4j.cam;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.MethodSpec.Family;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.LayeredModel;

/**
 * The CAM family in the method registry: every {@link CamMethod} at the caller's layer with
 * {@link CamConfig#of}'s defaults, and {@link GuidedGradCam}. On the command line {@code resolution=layer}
 * also turns ReLU and normalisation off (the raw map) unless {@code relu}/{@code normalize} are given.
 */
public final class CamMethods implements MethodSpec.Provider {
    @Override
    public List<MethodSpec<?, ?>> methods() {
        List<MethodSpec<?, ?>> out = new ArrayList<>();
        for (CamMethod m : CamMethod.values()) {
            out.add(MethodSpec.of(m.methodName(), Family.CAM, LayeredModel.class, CamConfig.class,
                            g -> CamConfig.of(g.layer()), m::create)
                    .param("resolution", "input (upsampled, ReLU, min-max per image) or layer (the raw map on the layer's grid)",
                            c -> c.resolution().name().toLowerCase(java.util.Locale.ROOT), CamMethods::resolution, "resolution"));
        }
        out.add(MethodSpec.of(GuidedGradCam.NAME, Family.CAM, Graph.class, GuidedGradCamConfig.class,
                g -> GuidedGradCamConfig.of(g.layer()), GuidedGradCam::new));
        return out;
    }

    private static CamConfig resolution(CamConfig c, String text) {
        return switch (text) {
            case "input" -> c.withResolution(Resolution.INPUT);
            case "layer" -> c.withResolution(Resolution.LAYER).withRelu(false).withNormalize(false);
            default -> throw new IllegalArgumentException("must be input or layer but was '" + text + "'");
        };
    }
}
