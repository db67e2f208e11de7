/** Model capabilities as types: the weakest one an explainer needs is what its constructor takes. */
package org.xai4j.core.model;
