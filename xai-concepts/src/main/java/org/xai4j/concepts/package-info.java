/**
 * Concept-based explanations: which directions of a layer's activation space a model uses, for which classes,
 * and whether that is significant. {@link org.xai4j.concepts.nmf} factorises activations without supervision
 * (non-negative matrix factorisation), {@link org.xai4j.concepts.ice} turns that into Invertible Concept-based
 * Explanations (Zhang et al., AAAI 2021), and {@link org.xai4j.concepts.tcav} learns concept activation vectors
 * from example images and tests them (Kim et al., ICML 2018).
 */
package org.xai4j.concepts;
