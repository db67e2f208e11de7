/**
 * Report R2 reproduced on Fashion-MNIST: a conv–BN–ReLU–pool CNN with dropout, explained by saliency, Partition SHAP
 * and Invertible Concept-based Explanations, with the InstanceFlow view of its training
 * ({@link org.xai4j.examples.concepts.ConceptsStudy}).
 */
package org.xai4j.examples.concepts;
