package org.xai4j.spark;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;

/**
 * A test's way to make a task fail: when armed, the first attempt of partition 0 throws once, so that Spark's
 * retry can be observed. Never armed outside tests.
 */
final class FaultInjection {
    static final AtomicBoolean FAIL_FIRST_ATTEMPT_OF_PARTITION_0 = new AtomicBoolean();

    private FaultInjection() {
    }

    static void maybeFail() {
        TaskContext ctx = TaskContext.get();
        if (ctx != null && ctx.partitionId() == 0 && ctx.attemptNumber() == 0
                && FAIL_FIRST_ATTEMPT_OF_PARTITION_0.getAndSet(false)) {
            throw new IllegalStateException("injected failure of partition 0, attempt 0");
        }
    }
}
