package io.platform.etl.stage.dedupe.stream;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.engine.Deduplicator;
import io.platform.etl.stage.dedupe.engine.Verdict;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.metrics.DedupeMeters;
import io.platform.etl.stage.dedupe.state.BloomSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stage.dedupe.state.StreamsSortedStore;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.TaskWatermark;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * After the repartition hop: judges each record by its key hash and event time against the pipeline watermark of
 * this task ({@link Deduplicator}), restores the original key and headers, and forwards what passes. All in-memory
 * state is rebuilt from the stores in {@link #init}, which Kafka Streams calls again whenever it revives the task from
 * its changelogs; the watermark is restored by the runtime from its own changelogged store.
 */
final class DedupeProcessor extends ContextualProcessor<byte[], InputRecord, byte[], Routed> {

    static final String EXPIRED_REASON = "dedupe_window_expired";

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final StageMetrics metrics;
    private final DedupeMeters meters;
    private final DeadLetters deadLetters;
    private final String inputTopic;
    private final EventTime eventTime;
    private final String repartitionTopic;
    private ExactSeenKeys exact;
    private BloomSeenKeys bloom;
    private Deduplicator deduplicator;
    private TaskWatermark watermark;
    private String task;

    DedupeProcessor(RuleHolder<DedupeRules> rules, DedupeSettings settings, StageMetrics metrics, DedupeMeters meters,
                    DeadLetters deadLetters, String inputTopic, EventTime eventTime, String repartitionTopic) {
        this.rules = rules;
        this.settings = settings;
        this.metrics = metrics;
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.inputTopic = inputTopic;
        this.eventTime = eventTime;
        this.repartitionTopic = repartitionTopic;
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        super.init(context);
        exact = new ExactSeenKeys(new StreamsSortedStore(context.getStateStore(DedupeStores.EXACT)),
                settings.exactBucketsPerWindow());
        bloom = new BloomSeenKeys(new StreamsSortedStore(context.getStateStore(DedupeStores.BLOOM)),
                settings.bloomSegmentsPerWindow());
        watermark = eventTime.forTask(context.taskId());
        // Each task holds the keys of its share of the repartition topic's partitions (ADR 0603).
        deduplicator = new Deduplicator(exact, bloom, settings.allowedLateness().toMillis(),
                eventTime.topics().partitions(repartitionTopic));
        task = context.taskId().toString();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> publish());
        publish();
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        Envelope envelope = Envelope.takeFrom(headers);
        long receivedNanos = System.nanoTime()
                - Math.max(0, System.currentTimeMillis() - envelope.receivedAt()) * 1_000_000;
        Record<byte[], byte[]> restored = new Record<>(envelope.originalKey(), record.value().value(),
                record.timestamp(), headers);
        if (!envelope.keyed()) {
            forward(restored, Routed.Target.OUTPUT);
            metrics.outcome("missing_key", receivedNanos);
            return;
        }
        long now = watermark.current();
        Verdict verdict = deduplicator.decide(KeyHash.fromBytes(record.key()), envelope.time(), envelope.position(),
                now, rules.current().rules());
        switch (verdict) {
            case PASSED, REPLAYED -> forward(restored, Routed.Target.OUTPUT);
            case DUPLICATE -> { }
            case EXPIRED -> {
                if (settings.expired() == DedupeSettings.Route.DEAD_LETTER) {
                    deadLetters.metrics().deadLettered(EXPIRED_REASON, receivedNanos);
                    forward(restored.withHeaders(deadLetters.headers(headers, EXPIRED_REASON,
                            "event time " + envelope.time() + " is before the expiry horizon (watermark " + now
                                    + " - allowed lateness)", inputTopic, envelope.partition(), envelope.offset())),
                            Routed.Target.DEAD_LETTER);
                    return;
                }
                forward(restored, Routed.Target.OUTPUT);
            }
        }
        metrics.outcome(verdict.status(), receivedNanos);
    }

    private void forward(Record<byte[], byte[]> record, Routed.Target target) {
        context().forward(record.withValue(new Routed(record.value(), target)));
    }

    private void publish() {
        meters.publish(task, exact, bloom, watermark.current(), rules.current().rules(), deduplicator.purged());
    }

    @Override
    public void close() {
        meters.remove(task);
    }
}
