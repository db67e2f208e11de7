package org.xai4j.concepts.nmf;

/** How {@link Nmf} starts (the names and formulas of scikit-learn's {@code NMF(init=...)}). */
public enum NmfInit {
    /**
     * Non-negative double SVD (Boutsidis and Gallopoulos, "SVD based initialization: A head start for nonnegative
     * matrix factorization", Pattern Recognition 41, 2008): each of the top K singular pairs contributes its
     * positive or its negative part, whichever has the larger norm product; values below 10⁻⁶ become 0. Good for
     * sparse factors; zeros stay zero under HALS only where the gradient keeps them there.
     */
    NNDSVD,
    /** NNDSVD with the zeros filled by the mean of V (better when the factors are dense). */
    NNDSVDA,
    /** S and P drawn as √(mean(V)/K)·|N(0, 1)| from the seed. */
    RANDOM
}
