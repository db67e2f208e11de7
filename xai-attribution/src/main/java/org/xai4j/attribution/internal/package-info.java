/**
 * Not API: the parts the attribution methods of {@link org.xai4j.attribution.gradient},
 * {@link org.xai4j.attribution.layer} and {@link org.xai4j.attribution.lrp} share (their base classes, the input
 * checks, the cutting of rows × samples into model calls, flat row matrices, references and convergence deltas,
 * the path integral). They are public only because those packages use them; they may change in any release, and
 * the Javadoc leaves this package out.
 */
package org.xai4j.attribution.internal;
