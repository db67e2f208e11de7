/** A user's SameDiff graph as a {@link org.xai4j.core.model.DifferentiableModel}, for graphs the converters do not cover. */
package org.xai4j.models.samediff;
