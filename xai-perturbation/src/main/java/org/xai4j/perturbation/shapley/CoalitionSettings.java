package org.xai4j.perturbation.shapley;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.perturbation.features.Segmenter;

/** The settings every Shapley explainer shares. */
interface CoalitionSettings extends ExplainerConfig {
    Segmenter segmenter();

    Baseline baseline();

    BatchPolicy batch();

    long seed();
}
