package io.platform.etl.stage.dedupe.keyed;

import io.platform.etl.model.event.Event;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.engine.Deduplicator;
import io.platform.etl.stage.dedupe.engine.Verdict;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.metrics.DedupeMeters;
import io.platform.etl.stage.dedupe.state.BloomKeyLog;
import io.platform.etl.stage.dedupe.state.BloomSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactChunkLog;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactTableStore;
import io.platform.etl.stage.dedupe.state.LoggedStore;
import io.platform.etl.stageruntime.keyed.Emitter;
import io.platform.etl.stageruntime.keyed.PartitionState;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dedupe state of one hop partition (ADR 0609): the exact and the Bloom store, each logged to the hop's changelog
 * under its own tag (exact keys in one chunk per bucket and commit, ADR 0610; the keys added to the Bloom filters in
 * one chunk per segment and commit, and the segments' markers, ADR 0611), restored silently, then indexed by
 * {@link ExactSeenKeys} / {@link BloomSeenKeys} on the first record or tick. Judges each hop record by its key hash
 * and event time against the partition's pipeline watermark ({@link Deduplicator}) and writes what passes with its
 * original key and headers.
 */
final class DedupePartition implements PartitionState {

    /** Exact chunks (ADR 0610); {@code E} was the per-key layout of ADR 0609, never released. */
    static final byte EXACT = 'X';
    /** Bloom segment markers (and, before ADR 0611, pages). */
    static final byte BLOOM = 'B';
    /** The keys added to the Bloom filters, in chunks (ADR 0611). */
    static final byte BLOOM_KEYS = 'K';
    static final String EXPIRED_REASON = "dedupe_window_expired";
    private static final long PUBLISH_MILLIS = 1_000;

    private final int partition;
    private final String task;
    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final DedupeMeters meters;
    private final String inputTopic;
    private final int partitions;
    private final ExactTableStore exactTables;
    private final ExactChunkLog exactStore;
    private final LoggedStore bloomStore;
    private final BloomKeyLog bloomKeys = new BloomKeyLog(BLOOM_KEYS);
    private ExactSeenKeys exact;
    private BloomSeenKeys bloom;
    private Deduplicator deduplicator;
    private long published = Long.MIN_VALUE;

    DedupePartition(int partition, RuleHolder<DedupeRules> rules, DedupeSettings settings, DedupeMeters meters,
                    String inputTopic, int partitions, ExactTableStore exactTables, LoggedStore bloomStore) {
        this.partition = partition;
        this.task = "p" + partition;
        this.rules = rules;
        this.settings = settings;
        this.meters = meters;
        this.inputTopic = inputTopic;
        this.partitions = partitions;
        this.exactTables = exactTables;
        this.exactStore = new ExactChunkLog(exactTables, EXACT);
        this.bloomStore = bloomStore;
    }

    @Override
    public void restore(byte[] key, byte[] value) {
        byte[] stripped = Arrays.copyOfRange(key, 1, key.length);
        switch (key[0]) {
            case EXACT -> exactStore.restore(stripped, value);
            case BLOOM -> bloomStore.restore(stripped, value);
            case BLOOM_KEYS -> bloomKeys.restore(stripped, value);
            default -> throw new IllegalStateException("dedupe changelog entry of partition " + partition
                    + " with unknown tag " + key[0]);
        }
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Event event, long watermark, Emitter out) {
        index();
        sink(out);
        RecordHeaders headers = new RecordHeaders();
        Envelope envelope = Envelope.takeFrom(record.headers(), headers);
        long receivedNanos = System.nanoTime()
                - Math.max(0, System.currentTimeMillis() - envelope.receivedAt()) * 1_000_000;
        if (!envelope.keyed()) {
            out.output(envelope.originalKey(), record.value(), headers);
            out.outcome("missing_key", receivedNanos);
            return;
        }
        Verdict verdict = deduplicator.decide(KeyHash.fromBytes(record.key()), envelope.time(), envelope.position(),
                watermark, rules.current().rules());
        switch (verdict) {
            case PASSED, REPLAYED -> out.output(envelope.originalKey(), record.value(), headers);
            case DUPLICATE -> { }
            case EXPIRED -> {
                if (settings.expired() == DedupeSettings.Route.DEAD_LETTER) {
                    out.deadLetter(record, envelope.originalKey(), headers, EXPIRED_REASON, "event time "
                                    + envelope.time() + " is before the expiry horizon (watermark " + watermark
                                    + " - allowed lateness)", inputTopic, envelope.partition(), envelope.offset(),
                            receivedNanos);
                    return;
                }
                out.output(envelope.originalKey(), record.value(), headers);
            }
        }
        out.outcome(verdict.status(), receivedNanos);
    }

    /** Purges what the watermark has expired (the last one of a replay too), and publishes the meters once a second. */
    @Override
    public void tick(long watermark, boolean idle, long nowMillis, Emitter out) {
        index();
        sink(out);
        deduplicator.purge(watermark, rules.current().rules());
        if (published == Long.MIN_VALUE || nowMillis - published >= PUBLISH_MILLIS) {
            published = nowMillis;
            meters.publish(task, exact, exactTables.memoryBytes(), bloom, watermark, rules.current().rules(), deduplicator.purged());
        }
    }

    /**
     * The exact and the Bloom keys added since the last commit, one chunk per bucket or segment, and new Bloom segment
     * markers, into the transaction of the records that added them.
     */
    @Override
    public void beforeCommit(Emitter out) {
        sink(out);
        exactStore.flush();
        if (bloom != null) {
            bloom.flush();
        }
        bloomStore.flush();
    }

    private void sink(Emitter out) {
        exactStore.sink(out::change);
        bloomStore.sink(out::change);
        bloomKeys.sink(out::change);
    }

    @Override
    public void close() {
        meters.remove(task);
    }

    /** Builds the indexes over the restored stores, once: restore() calls have all come by the first record. */
    private void index() {
        if (deduplicator == null) {
            exact = new ExactSeenKeys(exactStore, settings.exactBucketsPerWindow());
            bloom = new BloomSeenKeys(bloomStore, bloomKeys, settings.bloomSegmentsPerWindow());
            // Each partition holds its share of the stage's keys (ADR 0608).
            deduplicator = new Deduplicator(exact, bloom, settings.allowedLateness().toMillis(), partitions);
        }
    }
}
