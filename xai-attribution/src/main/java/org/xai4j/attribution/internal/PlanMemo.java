package org.xai4j.attribution.internal;

import java.util.function.LongFunction;
import org.xai4j.core.run.Plan;

/**
 * A method's last plan, kept for the next call with as many rows: a method's plan follows from the input's row count
 * and its fixed settings alone, so repeated calls on same-sized inputs reuse one {@link Plan} (an immutable record)
 * instead of writing its formula again. {@code perRow} (the passes per row the plan was made for) is part of the key,
 * so a plan that counts another method's passes is remade if that count ever differs. Safe to share between threads.
 */
public final class PlanMemo {
    private final LongFunction<Plan> make;
    private volatile Entry last;

    private record Entry(long rows, long perRow, Plan plan) {
    }

    /**
     * A memo over {@code make}.
     *
     * @param make the method's plan for a number of rows (called again whenever the rows or passes per row change)
     */
    public PlanMemo(LongFunction<Plan> make) {
        this.make = make;
    }

    /**
     * The plan for {@code rows} input rows.
     *
     * @param rows   the input's rows, already checked ({@link Plans#rows})
     * @param perRow the passes per row the plan counts (e.g. {@code checkedPassesPerRow()})
     * @return the plan made for this row count and passes per row
     */
    public Plan of(long rows, long perRow) {
        Entry e = last;
        if (e == null || e.rows != rows || e.perRow != perRow) {
            e = new Entry(rows, perRow, make.apply(rows));
            last = e;
        }
        return e.plan;
    }
}
