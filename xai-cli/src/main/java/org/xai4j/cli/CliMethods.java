package org.xai4j.cli;

import java.util.List;

/** The CAM and perturbation families' entries (filled in as those modules land). */
final class CliMethods {
    private CliMethods() {
    }

    static void addCam(List<MethodEntry> list) {
    }

    static void addPerturbation(List<MethodEntry> list) {
    }

    /** The demo's CAM and perturbation methods for {@code model}. */
    static List<Demo.Spec> demoSpecs(org.xai4j.core.graph.Graph model) {
        return List.of();
    }
}
