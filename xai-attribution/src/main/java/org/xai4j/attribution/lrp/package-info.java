/**
 * Layer-wise relevance propagation on the explanation graph: the LRP rules (one class each: {@link
 * org.xai4j.attribution.lrp.Epsilon}, {@link org.xai4j.attribution.lrp.ZPlus}, {@link org.xai4j.attribution.lrp.Gamma},
 * {@link org.xai4j.attribution.lrp.AlphaBeta}, {@link org.xai4j.attribution.lrp.Flat},
 * {@link org.xai4j.attribution.lrp.WSquare}, {@link org.xai4j.attribution.lrp.ZBox}, {@link org.xai4j.attribution.lrp.Pass},
 * {@link org.xai4j.attribution.lrp.Norm}, {@link org.xai4j.attribution.lrp.SignalTakesAll} for gate × signal products) as {@link org.xai4j.core.graph.BackwardRule}s, the numeric kernel they share
 * ({@link org.xai4j.attribution.lrp.Relevance}: modified forward, divide, transposed map, multiply), and canonizers
 * written as graph rewrites ({@link org.xai4j.attribution.lrp.MergeBatchNorm}). zennit's composites, which assign
 * these rules to node types and to the first layer, are rule tables like DeepLIFT's
 * ({@link org.xai4j.attribution.rules.LrpTables}, {@link org.xai4j.attribution.rules.RuleTable}). The explainers built on them are
 * {@link org.xai4j.attribution.lrp.Lrp} and {@link org.xai4j.attribution.lrp.Crp}.
 *
 * <p>The rules for affine layers (ε, z⁺, γ, αβ, flat, w², z<sup>B</sup>) apply to {@link
 * org.xai4j.core.graph.node.LinearNode}s only (Conv, ConvTranspose, Gemm, inference BatchNormalization); a table
 * that gives one to another node type makes the backward pass throw {@link org.xai4j.core.UnsupportedModelException}
 * when it reaches that node. Every rule works on a batch: the relevance of a node's output has the output's shape
 * (N × …) and the relevance it returns for an input has that input's shape.
 *
 * <p>Facts (formulas, defaults, the stabiliser's sign convention, the composites' layer maps) follow zennit 0.5.1
 * (Anders et al., "Software for Dataset-wide XAI: From Local Explanations to Global Insights with Zennit, CoRelAy,
 * and ViRelAy", 2021); the rules are from Bach et al. 2015 and Montavon et al. 2017/2019. See docs/lrp.md.
 */
package org.xai4j.attribution.lrp;
