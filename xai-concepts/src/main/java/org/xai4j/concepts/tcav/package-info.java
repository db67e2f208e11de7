/**
 * Testing with Concept Activation Vectors (Kim et al., "Interpretability Beyond Feature Attribution: Quantitative
 * Testing with Concept Activation Vectors (TCAV)", ICML 2018): {@link org.xai4j.concepts.tcav.Tcav} learns CAVs that
 * separate a concept's example images from random images at a layer, scores how often a class's logit increases
 * along them, and tests the scores against random-versus-random CAVs.
 */
package org.xai4j.concepts.tcav;
