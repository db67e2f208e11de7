package org.xai4j.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that watches a run without changing its result (a progress listener): it is left
 * out of {@link Settings#toMap}, so out of provenance, {@code xai methods} and the command line's parameters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface NotRecorded {
}
