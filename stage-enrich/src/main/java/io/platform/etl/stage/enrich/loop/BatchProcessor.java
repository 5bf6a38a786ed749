package io.platform.etl.stage.enrich.loop;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.event.InvalidEventException;
import io.platform.etl.rulesclient.AppliedRules;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.enrich.enrich.EnrichedEvent;
import io.platform.etl.stage.enrich.enrich.Enricher;
import io.platform.etl.stage.enrich.enrich.EnrichmentHeader;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stage.enrich.watermark.PartitionWatermarks;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled batch into its output: watermark control records feed {@link PartitionWatermarks} (never
 * enriched, never dead-lettered), unreadable records become dead letters with the runtime's headers, the readable
 * ones are enriched together (one lookup round per source) and written in input order with the
 * {@link EnrichmentHeader}; a record whose output was refused as too large becomes a dead letter
 * ({@link OversizeRecords}). In two steps (ADR 0809): {@link #start} decodes and starts the lookups, {@link #finish}
 * waits for them and builds the output. Pure of Kafka I/O: the loop writes the result in one transaction.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    static final String TOO_LARGE = "record_too_large";

    private final String outputTopic;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final StageMetrics metrics;
    private final RuleHolder<EnrichmentPlan> rules;
    private final Enricher enricher;
    private final PartitionWatermarks watermarks;
    private final OversizeRecords oversize = new OversizeRecords();

    BatchProcessor(String outputTopic, EventCodec codec, DeadLetters deadLetters, StageMetrics metrics,
                   RuleHolder<EnrichmentPlan> rules, Enricher enricher, PartitionWatermarks watermarks) {
        this.outputTopic = outputTopic;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.rules = rules;
        this.enricher = enricher;
        this.watermarks = watermarks;
    }

    PartitionWatermarks watermarks() {
        return watermarks;
    }

    OversizeRecords oversize() {
        return oversize;
    }

    /**
     * A polled batch, decoded, its lookups running (ADR 0809). Watermark control records are kept, not yet observed:
     * they count only when the batch is written.
     */
    record Started(List<Batch.Output> out, Map<TopicPartition, OffsetAndMetadata> offsets,
                   Map<TopicPartition, Long> rewind, List<Batch.Outcome> outcomes,
                   List<ConsumerRecord<byte[], byte[]>> readable, List<Event> events, List<Long> received,
                   List<ConsumerRecord<byte[], byte[]>> controls, AppliedRules<EnrichmentPlan> applied,
                   Supplier<List<EnrichedEvent>> lookups) {
    }

    /** Decodes the batch and starts its lookups; returns without waiting for them. */
    Started start(ConsumerRecords<byte[], byte[]> polled) {
        List<Batch.Output> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> rewind = new HashMap<>();
        List<Batch.Outcome> outcomes = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> readable = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> controls = new ArrayList<>();
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            rewind.put(tp, records.getFirst().offset());
            offsets.put(tp, new OffsetAndMetadata(records.getLast().offset() + 1));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (WatermarkRecords.isWatermark(r.headers())) {
                    controls.add(r);
                    continue;
                }
                long now = System.nanoTime();
                metrics.received();
                int refused = oversize.times(tp, r.offset());
                if (refused > 0) {
                    out.add(new Batch.Output(deadLetters.record(r.key(), refused == 1 ? r.value() : null, r.headers(),
                            TOO_LARGE, refused == 1 ? "the enriched record is larger than " + outputTopic + " accepts"
                                    : "the enriched record and its dead letter were too large; value omitted",
                            r.topic(), r.partition(), r.offset()), tp, r.offset()));
                    outcomes.add(new Batch.Outcome("dlq", TOO_LARGE, now));
                    continue;
                }
                try {
                    events.add(codec.decode(r.value()));
                    readable.add(r);
                    received.add(now);
                } catch (InvalidEventException e) {
                    String reason = e.reason().code();
                    out.add(new Batch.Output(deadLetters.record(r.key(), r.value(), r.headers(), reason,
                            e.getMessage(), r.topic(), r.partition(), r.offset()), tp, r.offset()));
                    outcomes.add(new Batch.Outcome("dlq", reason, now));
                }
            }
        }
        AppliedRules<EnrichmentPlan> applied = rules.current();
        Supplier<List<EnrichedEvent>> lookups;
        try {
            lookups = enricher.start(events, applied.rules())::join;
        } catch (RuntimeException e) {
            lookups = () -> {
                throw e;
            };
        }
        return new Started(out, offsets, rewind, outcomes, readable, events, received, controls, applied, lookups);
    }

    /** Waits for the batch's lookups, observes its watermark records and builds what its transaction writes. */
    Batch finish(Started started) {
        started.controls().forEach(this::observe);
        List<Batch.Output> out = new ArrayList<>(started.out());
        List<Batch.Outcome> outcomes = new ArrayList<>(started.outcomes());
        List<ConsumerRecord<byte[], byte[]>> readable = started.readable();
        AppliedRules<EnrichmentPlan> applied = started.applied();
        List<EnrichedEvent> enriched = enrichAll(started);
        for (int i = 0; i < readable.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = readable.get(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            EnrichedEvent e = enriched.get(i);
            if (e == null) {
                out.add(new Batch.Output(deadLetters.record(r.key(), r.value(), r.headers(), "enrich_error",
                        "enriching the record failed", r.topic(), r.partition(), r.offset()), tp, r.offset()));
                outcomes.add(new Batch.Outcome("dlq", "enrich_error", started.received().get(i)));
                continue;
            }
            RecordHeaders headers = new RecordHeaders(r.headers().toArray());
            headers.remove(EnrichmentHeader.NAME);
            headers.add(EnrichmentHeader.NAME, EnrichmentHeader.encode(applied.version(), e.outcomes()));
            out.add(new Batch.Output(new ProducerRecord<>(outputTopic, null, r.key(),
                    e.added() ? codec.encode(e.event()) : r.value(), headers), tp, r.offset()));
            outcomes.add(new Batch.Outcome(e.added() ? "enriched" : "passed", null, started.received().get(i)));
        }
        return new Batch(out, started.offsets(), started.rewind(), outcomes);
    }

    /** All events at once; if that throws (a bug tied to some record), one by one, and null for those that fail. */
    private List<EnrichedEvent> enrichAll(Started started) {
        try {
            return started.lookups().get();
        } catch (RuntimeException batchError) {
            List<Event> events = started.events();
            LOG.warn("Enriching a batch of {} failed ({}); enriching its records one by one", events.size(),
                    batchError.toString());
            List<EnrichedEvent> one = new ArrayList<>(events.size());
            for (Event event : events) {
                try {
                    one.add(enricher.enrich(List.of(event), started.applied().rules()).getFirst());
                } catch (RuntimeException e) {
                    one.add(null);
                }
            }
            return one;
        }
    }

    private void observe(ConsumerRecord<byte[], byte[]> r) {
        try {
            watermarks.observe(r.partition(), WatermarkRecords.decode(r.headers()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping a malformed watermark record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
            metrics.error("bad_watermark");
        }
    }
}
