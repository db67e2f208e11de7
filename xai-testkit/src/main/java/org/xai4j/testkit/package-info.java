/**
 * Shared test support for every xai4j module: analytic models whose gradients and attributions are known in
 * closed form ({@code org.xai4j.testkit.models}) and the explainer contract test
 * ({@code org.xai4j.testkit.contract}).
 */
package org.xai4j.testkit;
