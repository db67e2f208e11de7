/**
 * Limits on one explanation call: a budget of model passes, a deadline, cancellation by interrupt, and a
 * progress listener. {@link org.xai4j.core.run.Limits#call} installs them for the calling thread; every model
 * call made through {@link org.xai4j.core.model.ModelCalls} counts against them and checks them, so a shared
 * explainer can serve many threads, each under its own limits.
 */
package org.xai4j.core.run;
