/**
 * Non-negative matrix factorisation V ≈ S·P on ND4J, streamed over row blocks so a matrix of millions of rows
 * is never copied: {@link org.xai4j.concepts.nmf.Nmf} (NNDSVD/NNDSVDa/random initialisation, HALS coordinate
 * descent with optional L1/L2 penalties), {@link org.xai4j.concepts.nmf.Nnls} (non-negative least squares for
 * new rows with P fixed) and {@link org.xai4j.concepts.nmf.RowBlocks} (how a matrix is read).
 */
package org.xai4j.concepts.nmf;
