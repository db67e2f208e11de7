package org.xai4j.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One line of help for a setting, written on the record component itself, so that {@code xai methods}, the
 * CLI's error messages and the docs read the same text as the code. The default value is never repeated
 * here: it is the component's value in the record's {@code DEFAULTS}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Help {
    /**
     * What the setting does, in the user's words (no default: that comes from {@code DEFAULTS}).
     *
     * @return one line of help text
     */
    String value();
}
