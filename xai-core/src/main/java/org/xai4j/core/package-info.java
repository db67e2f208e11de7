/**
 * The xai4j service-provider interface: {@link org.xai4j.core.Explainer}, {@link org.xai4j.core.Explanation}
 * and {@link org.xai4j.core.Attribution}, {@link org.xai4j.core.Provenance}, {@link org.xai4j.core.MethodDescriptor}
 * and the {@link org.xai4j.core.XaiException} family. Model capabilities live in {@code org.xai4j.core.model},
 * targets in {@code org.xai4j.core.target}, baselines in {@code org.xai4j.core.baseline}.
 */
package org.xai4j.core;
