package io.platform.etl.stage.dedupe.stream;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.StageException;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Before the repartition hop: keys each record by the hash of its key fields (so every copy of a key meets in one
 * task, whatever partition it came from) and packs event time, input position and the original key into the
 * {@link Envelope}. A record without a key field goes around the dedupe step or to the dead-letter topic.
 */
final class KeyingProcessor extends ContextualProcessor<byte[], InputRecord, byte[], Routed> {

    static final String MISSING_KEY = "missing_key_field";

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final StageMetrics metrics;

    KeyingProcessor(RuleHolder<DedupeRules> rules, DedupeSettings settings, StageMetrics metrics) {
        this.rules = rules;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        InputRecord in = record.value();
        DedupeRules current = rules.current().rules();
        Optional<KeyHash> key = current.hasher().hash(in.event());
        if (key.isEmpty()) {
            String field = current.hasher().missingField(in.event()).orElse("?");
            if (settings.missingKey() == DedupeSettings.Route.DEAD_LETTER) {
                throw new StageException(ErrorClass.PERMANENT, MISSING_KEY,
                        "key field \"" + field + "\" is absent or null", null);
            }
            metrics.outcome("missing_key", in.receivedNanos());
            context().forward(record.withValue(new Routed(in.value(), Routed.Target.OUTPUT)));
            return;
        }
        RecordMetadata meta = context().recordMetadata().orElseThrow();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        long receivedAt = System.currentTimeMillis() - (System.nanoTime() - in.receivedNanos()) / 1_000_000;
        new Envelope(in.event().eventTime().toEpochMilli(), Envelope.position(meta.partition(), meta.offset()),
                receivedAt, record.key()).writeTo(headers);
        context().forward(new Record<>(key.get().toBytes(), new Routed(in.value(), Routed.Target.JUDGE),
                record.timestamp(), headers));
    }
}
