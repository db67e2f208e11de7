/** How concentrated an attribution map is: sparseness (Gini index) and complexity (entropy). */
package org.xai4j.metrics.complexity;
