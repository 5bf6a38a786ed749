package io.platform.etl.stage.dedupe.stream;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.StageException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Before the repartition hop: keys each record by the hash of its key fields (so every copy of a key meets in one
 * task, whatever partition it came from) and packs event time, input position and the original key into the
 * {@link Envelope}. A record without a key field goes to the dead-letter topic, or (default) crosses the hop keyed by
 * its input position and passes unjudged: every output record is written by the tasks after the hop, whose watermark
 * is the pipeline's (ADR 0601).
 */
final class KeyingProcessor extends ContextualProcessor<byte[], InputRecord, byte[], InputRecord> {

    static final String MISSING_KEY = "missing_key_field";

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;

    KeyingProcessor(RuleHolder<DedupeRules> rules, DedupeSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        InputRecord in = record.value();
        DedupeRules current = rules.current().rules();
        Optional<KeyHash> key = current.hasher().hash(in.event());
        if (key.isEmpty() && settings.missingKey() == DedupeSettings.Route.DEAD_LETTER) {
            String field = current.hasher().missingField(in.event()).orElse("?");
            throw new StageException(ErrorClass.PERMANENT, MISSING_KEY,
                    "key field \"" + field + "\" is absent or null", null);
        }
        RecordMetadata meta = context().recordMetadata().orElseThrow();
        long position = Envelope.position(meta.partition(), meta.offset());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        long receivedAt = System.currentTimeMillis() - (System.nanoTime() - in.receivedNanos()) / 1_000_000;
        new Envelope(in.event().eventTime().toEpochMilli(), position, receivedAt, key.isPresent(), record.key())
                .writeTo(headers);
        byte[] partitionKey = key.isPresent() ? key.get().toBytes() : ByteBuffer.allocate(8).putLong(position).array();
        context().forward(new Record<>(partitionKey, in, record.timestamp(), headers));
    }
}
