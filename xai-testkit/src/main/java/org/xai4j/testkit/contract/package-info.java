/**
 * The explainer contract: one set of checks every explainer must pass — output shape, batch result equals
 * per-row results, same seed gives identical bits, the caller's arrays are untouched, provenance
 * round-trips, and bad input (wrong rank, target rows, NaN, class out of range, unknown layer) raises the
 * right {@link org.xai4j.core.XaiException} subtype. A module joins by extending
 * {@link org.xai4j.testkit.contract.ExplainerContract} and listing its {@link org.xai4j.testkit.contract.ContractCase}s.
 */
package org.xai4j.testkit.contract;
