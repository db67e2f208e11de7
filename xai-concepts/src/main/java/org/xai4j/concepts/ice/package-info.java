/**
 * Invertible Concept-based Explanations (Zhang, Madumal, Miller, Ehinger and Rubinstein, "Invertible Concept-based
 * Explanations for CNN Models with Non-negative Concept Activation Vectors", AAAI 2021): a layer's activations over
 * a data set, one row per spatial position, are factorised by NMF; the components are non-negative concept
 * directions. {@link org.xai4j.concepts.ice.Ice} fits them ({@link org.xai4j.concepts.ice.IceConcepts}) and explains
 * images with them (concept maps, heatmaps, scores, directional derivatives);
 * {@link org.xai4j.concepts.ice.IceFidelity} measures how much of the model's behaviour the reconstruction keeps;
 * {@link org.xai4j.concepts.ice.ConceptStats} ranks images and counts per-class presence.
 */
package org.xai4j.concepts.ice;
