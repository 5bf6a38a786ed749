package io.platform.etl.platform.watch;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One line of the live view.
 *
 * @param stage        the stage's name ({@code filter}, …) or its service name while it cannot be read
 * @param problem      why the stage could not be read (e.g. {@code down: connection refused}); null when it could
 * @param inPerSecond  records taken off the input per second over the rate window; empty until two readings exist
 * @param outPerSecond records passed on per second (see {@link Outcomes})
 * @param deadLettered records sent to {@code events.dlq} since the stage started
 * @param late         late records (any {@code late_*} outcome) since the stage started
 * @param lag          consumer lag of the stage's group on the broker, summed over its partitions
 * @param ruleVersion  applied dynamic rule version; empty for a stage that reads no rules
 * @param p99Millis    99th percentile of the processing latency over the rate window
 */
public record StageRow(String stage, String problem, OptionalDouble inPerSecond, OptionalDouble outPerSecond,
        long deadLettered, long late, OptionalLong lag, OptionalLong ruleVersion, OptionalDouble p99Millis) {

    public static StageRow unreadable(String stage, String problem, OptionalLong lag) {
        return new StageRow(stage, problem, OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, lag,
                OptionalLong.empty(), OptionalDouble.empty());
    }

    /** The row for {@code newer}, with rates and latency measured since {@code older} (null: none yet). */
    public static StageRow of(String fallbackName, StageReading older, StageReading newer, OptionalLong lag) {
        String name = newer.stage() != null ? newer.stage() : fallbackName;
        OptionalDouble in = OptionalDouble.empty();
        OptionalDouble out = OptionalDouble.empty();
        OptionalDouble p99 = OptionalDouble.empty();
        if (older != null && newer.atNanos() > older.atNanos()) {
            double seconds = (newer.atNanos() - older.atNanos()) / 1e9;
            in = OptionalDouble.of(increase(older.in(), newer.in()) / seconds);
            out = OptionalDouble.of(increase(older.out(), newer.out()) / seconds);
            OptionalDouble p99Seconds = newer.latency().since(older.latency()).quantile(0.99);
            p99 = p99Seconds.isPresent() ? OptionalDouble.of(p99Seconds.getAsDouble() * 1000) : OptionalDouble.empty();
        }
        return new StageRow(name, null, in, out, (long) newer.deadLettered(), (long) newer.late(), lag,
                newer.ruleVersion(), p99);
    }

    /** A counter that went down was reset by a restart: everything it holds now is new. */
    static double increase(double before, double after) {
        return after >= before ? after - before : after;
    }
}
