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
 * ({@link OversizeRecords}). Pure of Kafka I/O: the loop writes the result in one transaction.
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

    Batch process(ConsumerRecords<byte[], byte[]> polled) {
        List<Batch.Output> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> rewind = new HashMap<>();
        List<Batch.Outcome> outcomes = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> readable = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            rewind.put(tp, records.getFirst().offset());
            offsets.put(tp, new OffsetAndMetadata(records.getLast().offset() + 1));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (WatermarkRecords.isWatermark(r.headers())) {
                    observe(r);
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
        List<EnrichedEvent> enriched = enrichAll(events, applied.rules());
        for (int i = 0; i < readable.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = readable.get(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            EnrichedEvent e = enriched.get(i);
            if (e == null) {
                out.add(new Batch.Output(deadLetters.record(r.key(), r.value(), r.headers(), "enrich_error",
                        "enriching the record failed", r.topic(), r.partition(), r.offset()), tp, r.offset()));
                outcomes.add(new Batch.Outcome("dlq", "enrich_error", received.get(i)));
                continue;
            }
            RecordHeaders headers = new RecordHeaders(r.headers().toArray());
            headers.remove(EnrichmentHeader.NAME);
            headers.add(EnrichmentHeader.NAME, EnrichmentHeader.encode(applied.version(), e.outcomes()));
            out.add(new Batch.Output(new ProducerRecord<>(outputTopic, null, r.key(),
                    e.added() ? codec.encode(e.event()) : r.value(), headers), tp, r.offset()));
            outcomes.add(new Batch.Outcome(e.added() ? "enriched" : "passed", null, received.get(i)));
        }
        return new Batch(out, offsets, rewind, outcomes);
    }

    /** All events at once; if that throws (a bug tied to some record), one by one, and null for those that fail. */
    private List<EnrichedEvent> enrichAll(List<Event> events, EnrichmentPlan plan) {
        try {
            return enricher.enrich(events, plan);
        } catch (RuntimeException batchError) {
            LOG.warn("Enriching a batch of {} failed ({}); enriching its records one by one", events.size(),
                    batchError.toString());
            List<EnrichedEvent> one = new ArrayList<>(events.size());
            for (Event event : events) {
                try {
                    one.add(enricher.enrich(List.of(event), plan).getFirst());
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
