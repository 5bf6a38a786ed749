package io.platform.etl.rules.outbox;

import io.micronaut.transaction.annotation.Transactional;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import jakarta.inject.Singleton;
import java.util.Optional;

/** One relay transaction: publishes pending rows in commit order and stops at the first failure. */
@Singleton
public class OutboxBatch {

    private final OutboxStore store;
    private final RedisGateway redis;

    OutboxBatch(OutboxStore store, RedisGateway redis) {
        this.store = store;
        this.redis = redis;
    }

    /** Outcome: rows published, whether more may be waiting, and the failure that stopped the batch. */
    public record Result(int published, boolean more, Optional<RuntimeException> failure) {
    }

    @Transactional
    public Result publishPending(int limit) {
        if (!store.tryRelayLock()) {
            return new Result(0, false, Optional.empty());
        }
        var rows = store.pending(limit);
        int published = 0;
        for (PendingRow row : rows) {
            try {
                redis.publish(row.snapshot());
            } catch (RuntimeException e) {
                store.markFailed(row.id(), e.toString());
                return new Result(published, true, Optional.of(e));
            }
            store.markPublished(row.id());
            published++;
        }
        return new Result(published, rows.size() == limit, Optional.empty());
    }

    /** Republishes the latest version of settled rule sets that Redis lacks (e.g. restarted without data). */
    @Transactional(readOnly = true)
    public int reconcile() {
        int republished = 0;
        for (PendingRow head : store.settledHeads()) {
            RuleSnapshot snapshot = head.snapshot();
            long inRedis = redis.get(redis.keys().snapshotKey(head.pipeline(), head.kind()))
                    .map(json -> safeVersion(json)).orElse(0L);
            if (inRedis < head.version() && redis.publish(snapshot)) {
                republished++;
            }
        }
        return republished;
    }

    @Transactional(readOnly = true)
    public OutboxStore.OutboxStats stats() {
        return store.stats();
    }

    private static long safeVersion(String json) {
        try {
            return RuleJson.readSnapshot(json).version();
        } catch (RuntimeException e) {
            return 0L;
        }
    }
}
