/** Validation, batching, seeded randomness, name suggestions and JSON shared by every module. */
package org.xai4j.core.util;
