package org.xai4j.concepts.tcav;

/**
 * A concept activation vector: the unit normal of a linear boundary between the activations of a positive example
 * set and a negative one at a layer, pointing towards the positive set (Kim et al. 2018, section 3.1).
 *
 * @param positive  the positive set's name (the concept)
 * @param negative  the negative set's name (a random set or another concept)
 * @param direction the unit vector in the flattened layer space (a copy is returned)
 * @param accuracy  the classifier's accuracy on the held-out part of both sets
 */
public record Cav(String positive, String negative, double[] direction, double accuracy) {
    /**
     * Copies the mutable arguments, so that later changes by the caller do not reach this record.
     *
     * @param positive the positive set's name (the concept)
     * @param negative the negative set's name (a random set or another concept)
     * @param direction the unit vector in the flattened layer space (a copy is returned)
     * @param accuracy the classifier's accuracy on the held-out part of both sets
     */
    public Cav {
        direction = direction.clone();
    }

    /**
     * The unit vector in the flattened layer space (a copy is returned).
     *
     * @return a copy
     */
    @Override
    public double[] direction() {
        return direction.clone();
    }
}
