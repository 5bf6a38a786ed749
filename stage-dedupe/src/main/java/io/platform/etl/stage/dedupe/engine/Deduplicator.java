package io.platform.etl.stage.dedupe.engine;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.state.SeenKeys;

/**
 * The decision for one keyed record, on event time only (never the wall clock), so a replayed backlog gets the
 * decisions the live run got:
 * <ol>
 *   <li>{@code time < watermark - allowedLateness} (the expiry horizon) → {@link Verdict#EXPIRED}: the keys it would
 *       have to be compared with may already be purged.</li>
 *   <li>Purge, at most once per {@code cleanup_interval} of watermark progress: segments ending at or before
 *       {@code horizon - window} go (no record at or after the horizon can be within a window of them).</li>
 *   <li>Look the key up in the current algorithm's state, then in the other algorithm's state while it still holds
 *       segments (so a switch of algorithm lets no duplicate through); found with the same input position →
 *       {@link Verdict#REPLAYED}, found otherwise → {@link Verdict#DUPLICATE}.</li>
 *   <li>Else remember it in the current algorithm's state → {@link Verdict#PASSED}.</li>
 * </ol>
 * One instance per stream task; not thread-safe.
 */
public final class Deduplicator {

    private final SeenKeys exact;
    private final SeenKeys bloom;
    private final long allowedLateness;
    private final int tasks;
    private long lastPurge = Long.MIN_VALUE;
    private long purged;

    /**
     * @param tasks how many tasks share the stage's keys (partitions of the repartition topic): new Bloom filters are
     *              sized for this task's share of {@code expected_insertions}
     */
    public Deduplicator(SeenKeys exact, SeenKeys bloom, long allowedLateness, int tasks) {
        this.exact = exact;
        this.bloom = bloom;
        this.allowedLateness = allowedLateness;
        this.tasks = tasks;
    }

    /**
     * @param position  the input position of this copy ({@code partition << 48 | offset})
     * @param watermark the task's pipeline watermark, {@link Long#MIN_VALUE} while unknown
     */
    public Verdict decide(KeyHash key, long time, long position, long watermark, DedupeRules rules) {
        long window = rules.windowMillis();
        long horizon = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - allowedLateness;
        if (time < horizon) {
            return Verdict.EXPIRED;
        }
        purge(watermark, rules);
        SeenKeys current = rules.algorithm() == DedupeAlgorithm.EXACT ? exact : bloom;
        SeenKeys other = current == exact ? bloom : exact;
        Long seen = current.find(key, time, window);
        if (seen == null && !other.isEmpty()) {
            seen = other.find(key, time, window);
        }
        if (seen != null) {
            return seen == position ? Verdict.REPLAYED : Verdict.DUPLICATE;
        }
        current.add(key, time, position, rules.sizing(tasks));
        return Verdict.PASSED;
    }

    /**
     * Drops the segments no record at or after the expiry horizon can match, at most once per {@code cleanup_interval}
     * of watermark progress. Called for each record and, so that the last watermark of a replay purges without
     * waiting for the next record, when time passes; the watermark never goes back, so a record judged later sees a
     * horizon at least as far.
     */
    public void purge(long watermark, DedupeRules rules) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long horizon = watermark - allowedLateness;
        if (lastPurge == Long.MIN_VALUE || watermark - lastPurge >= rules.cleanupMillis()) {
            lastPurge = watermark;
            purged += exact.purge(horizon - rules.windowMillis()) + bloom.purge(horizon - rules.windowMillis());
        }
    }

    /** Keys purged by this instance so far. */
    public long purged() {
        return purged;
    }
}
