package io.platform.etl.stageruntime.loop;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.event.InvalidEventException;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import io.platform.etl.stageruntime.eventtime.PartitionClock;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled batch into its output: watermark control records feed the {@link PartitionClock} (never given to
 * the stage, never dead-lettered), unreadable records become dead letters with the runtime's headers, the readable
 * ones go to the {@link LoopStage} together and its {@link Verdict}s become outputs, drops and dead letters in input
 * order; a record whose output was refused as too large becomes a dead letter ({@link OversizeRecords}). In two
 * steps (ADR 0809): {@link #start} decodes and starts the stage's work, {@link #finish} waits for it and builds the
 * output. Pure of Kafka I/O: the loop writes the result in one transaction. One per loop thread.
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    static final String TOO_LARGE = "record_too_large";
    /** A hop bundle the deciding loop cannot read (ADR 0342): a writer of another version, or corruption. */
    static final String MALFORMED_BUNDLE = "malformed_hop_bundle";
    private static final String DLQ = "dlq";

    private final String outputTopic;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final StageMetrics metrics;
    private final LoopStage stage;
    private final PartitionClock clock;
    private final OversizeRecords oversize = new OversizeRecords();
    private final boolean countsReceived;
    private final boolean decodes;
    /** Bundles the routed records when this loop writes a hop (ADR 0342); null otherwise. */
    private final HopBundler bundler;
    /** The input partitions outputs point back to, by partition number: one object each, not one per output. */
    private TopicPartition[] inputs = new TopicPartition[0];

    BatchProcessor(String outputTopic, EventCodec codec, DeadLetters deadLetters, StageMetrics metrics,
                   LoopStage stage, PartitionClock clock) {
        this(outputTopic, codec, deadLetters, metrics, stage, clock, true, true, 0);
    }

    /**
     * @param countsReceived false after a hop (ADR 0340): the records were counted as received before it
     * @param decodes        false when the stage takes the records undecoded (it is given null events)
     * @param hopPartitions  the hop topic's partition count when this loop writes a hop (its routed records then
     *                       cross it in bundles, ADR 0342); 0 otherwise
     */
    BatchProcessor(String outputTopic, EventCodec codec, DeadLetters deadLetters, StageMetrics metrics,
                   LoopStage stage, PartitionClock clock, boolean countsReceived, boolean decodes,
                   int hopPartitions) {
        this.bundler = hopPartitions > 0 ? new HopBundler(outputTopic, hopPartitions) : null;
        this.countsReceived = countsReceived;
        this.decodes = decodes;
        this.outputTopic = outputTopic;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.stage = stage;
        this.clock = clock;
    }

    PartitionClock clock() {
        return clock;
    }

    LoopStage stage() {
        return stage;
    }

    /** What the stage emits because time passed (ADR 0340): records with no input, written in the open transaction. */
    Batch tick(long nowNanos) {
        List<ProducerRecord<byte[], byte[]>> records = stage.tick(nowNanos);
        if (records.isEmpty()) {
            return null;
        }
        List<Batch.Output> out = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            out.add(new Batch.Output(r, null, -1));
        }
        return new Batch(out, Map.of(), Map.of(), List.of());
    }

    OversizeRecords oversize() {
        return oversize;
    }

    /**
     * A polled batch, decoded, the stage's work started (ADR 0809). Watermark control records and event times are
     * kept, not yet observed: they count only when the batch is written.
     */
    record Started(List<Batch.Output> out, Map<TopicPartition, OffsetAndMetadata> offsets,
                   Map<TopicPartition, Long> rewind, List<Batch.Outcome> outcomes,
                   List<ConsumerRecord<byte[], byte[]>> readable, long[] received, int[] indexes,
                   List<ConsumerRecord<byte[], byte[]>> controls, Map<Integer, Long> maxEventTime,
                   LoopStage.Pending work) {
    }

    /** Decodes the batch and starts the stage's work on it; returns without waiting for that work. */
    Started start(ConsumerRecords<byte[], byte[]> polled) {
        List<Batch.Output> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> rewind = new HashMap<>();
        List<Batch.Outcome> outcomes = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> readable = new ArrayList<>(polled.count());
        List<Event> events = new ArrayList<>(polled.count());
        long[] received = new long[polled.count()];
        int[] indexes = new int[polled.count()];
        List<ConsumerRecord<byte[], byte[]>> controls = new ArrayList<>();
        Map<Integer, Long> maxEventTime = new HashMap<>();
        int taken = 0;
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            rewind.put(tp, records.getFirst().offset());
            offsets.put(tp, new OffsetAndMetadata(records.getLast().offset() + 1));
            long max = Long.MIN_VALUE;
            for (ConsumerRecord<byte[], byte[]> polledRecord : records) {
                if (WatermarkRecords.isWatermark(polledRecord.headers())) {
                    controls.add(polledRecord);
                    continue;
                }
                List<ConsumerRecord<byte[], byte[]>> held = List.of(polledRecord);
                if (RecordBundle.isBundle(polledRecord)) {
                    try {
                        held = RecordBundle.open(polledRecord);
                    } catch (IllegalArgumentException e) {
                        out.add(new Batch.Output(deadLetters.record(null, polledRecord.value(),
                                polledRecord.headers(), MALFORMED_BUNDLE, e.getMessage(), polledRecord.topic(),
                                polledRecord.partition(), polledRecord.offset()), tp, polledRecord.offset()));
                        outcomes.add(new Batch.Outcome(DLQ, MALFORMED_BUNDLE, System.nanoTime()));
                        continue;
                    }
                    if (held.size() > received.length - events.size()) {
                        // Doubling: a poll of bundles holds many times its record count.
                        received = Arrays.copyOf(received, Math.max(2 * received.length,
                                events.size() + held.size()));
                        indexes = Arrays.copyOf(indexes, received.length);
                    }
                }
                for (int index = 0; index < held.size(); index++) {
                    ConsumerRecord<byte[], byte[]> r = held.get(index);
                    long now = System.nanoTime();
                    taken++;
                    int refused = oversize.times(tp, r.offset(), index);
                    if (refused > 0) {
                        out.add(new Batch.Output(deadLetters.record(r.key(), refused == 1 ? r.value() : null,
                                r.headers(), TOO_LARGE, refused == 1 ? "the stage's output record is larger than "
                                        + outputTopic + " accepts"
                                        : "the output record and its dead letter were too large; value omitted",
                                r.topic(), r.partition(), r.offset()), tp, r.offset(), index));
                        outcomes.add(new Batch.Outcome(DLQ, TOO_LARGE, now));
                        continue;
                    }
                    if (!decodes) {
                        received[events.size()] = now;
                        indexes[events.size()] = index;
                        events.add(null);
                        readable.add(r);
                        continue;
                    }
                    try {
                        Event event = codec.decode(r.value());
                        max = Math.max(max, event.eventTime().toEpochMilli());
                        received[events.size()] = now;
                        indexes[events.size()] = index;
                        events.add(event);
                        readable.add(r);
                    } catch (InvalidEventException e) {
                        String reason = e.reason().code();
                        out.add(new Batch.Output(deadLetters.record(r.key(), r.value(), r.headers(), reason,
                                e.getMessage(), r.topic(), r.partition(), r.offset()), tp, r.offset(), index));
                        outcomes.add(new Batch.Outcome(DLQ, reason, now));
                    }
                }
            }
            if (max != Long.MIN_VALUE) {
                maxEventTime.put(tp.partition(), max);
            }
        }
        if (countsReceived) {
            metrics.received(taken);
        }
        LoopStage.Pending work;
        try {
            work = events.isEmpty() ? List::of : stage.start(readable, events);
        } catch (RuntimeException e) {
            work = () -> {
                throw e;
            };
        }
        return new Started(out, offsets, rewind, outcomes, readable, received, indexes, controls, maxEventTime, work);
    }

    /**
     * Waits for the stage's work, observes the batch's event time and builds what its transaction writes. When the
     * stage throws, the error is classified as on Kafka Streams (ADR 0004): a permanent one sends the batch's
     * readable records to the dead-letter topic; a transient or fatal one is thrown to the loop.
     */
    Batch finish(Started started) {
        List<Batch.Output> out = new ArrayList<>(started.out().size() + started.readable().size());
        out.addAll(started.out());
        List<Batch.Outcome> outcomes = new ArrayList<>(started.outcomes().size() + started.readable().size());
        outcomes.addAll(started.outcomes());
        List<ConsumerRecord<byte[], byte[]>> readable = started.readable();
        // The stage decides before the batch's marks and event times are observed: a watermark it reads is the one
        // as of the batch's start, never ahead of a record in it.
        List<Verdict> verdicts = verdicts(started);
        if (bundler != null) {
            bundler.clear();
        }
        started.controls().forEach(this::observe);
        started.maxEventTime().forEach(clock::events);
        for (int i = 0; i < readable.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = readable.get(i);
            long received = started.received()[i];
            int index = started.indexes()[i];
            switch (verdicts.get(i)) {
                case Verdict.Forward f -> {
                    out.add(output(r, index, new ProducerRecord<>(outputTopic, null, r.key(), r.value(),
                            r.headers())));
                    outcomes.add(new Batch.Outcome(f.outcome(), null, received));
                }
                case Verdict.Write w -> {
                    out.add(output(r, index, new ProducerRecord<>(outputTopic, null, r.key(), w.value(),
                            w.headers())));
                    outcomes.add(new Batch.Outcome(w.outcome(), null, received));
                }
                case Verdict.Route route -> route(r, index, route, out);
                case Verdict.Emitted e -> {
                    for (ProducerRecord<byte[], byte[]> record : e.records()) {
                        out.add(output(r, index, record));
                    }
                    for (Verdict.Count count : e.counts()) {
                        outcomes.add(new Batch.Outcome(count.reason() != null ? DLQ : count.status(),
                                count.reason(), count.receivedNanos()));
                    }
                }
                case Verdict.Drop d -> outcomes.add(new Batch.Outcome(d.outcome(), null, received));
                case Verdict.DeadLetter d -> {
                    out.add(output(r, index, deadLetters.record(r.key(), r.value(), r.headers(), d.reason(),
                            d.message(),
                            r.topic(), r.partition(), r.offset())));
                    outcomes.add(new Batch.Outcome(DLQ, d.reason(), received));
                }
            }
        }
        if (bundler != null) {
            bundler.flush(out);
        }
        return new Batch(out, started.offsets(), started.rewind(), outcomes);
    }

    /** A routed record: into its hop partition's bundle when this loop bundles (ADR 0342), else on its own. */
    private void route(ConsumerRecord<byte[], byte[]> r, int index, Verdict.Route route, List<Batch.Output> out) {
        if (bundler != null && route.key() != null) {
            bundler.route(route.key(), r.value(), route.headers(), input(r), r.offset(), index, out);
            return;
        }
        out.add(output(r, index, new ProducerRecord<>(outputTopic, null, route.key(), r.value(), route.headers())));
    }

    private List<Verdict> verdicts(Started started) {
        int size = started.readable().size();
        try {
            List<Verdict> verdicts = started.work().finish();
            if (verdicts.size() != size) {
                throw new IllegalStateException("the stage returned " + verdicts.size() + " verdicts for " + size
                        + " records");
            }
            return verdicts;
        } catch (RuntimeException e) {
            if (ErrorClassifier.classify(e) != ErrorClass.PERMANENT) {
                throw e;
            }
            LOG.warn("The stage failed on a batch of {} records ({}); they go to the dead-letter topic", size,
                    e.toString());
            return Collections.nCopies(size, Verdict.deadLetter(ErrorClassifier.reason(e), e.toString()));
        }
    }

    private Batch.Output output(ConsumerRecord<byte[], byte[]> input, int index,
                                ProducerRecord<byte[], byte[]> record) {
        return new Batch.Output(record, input(input), input.offset(), index);
    }

    private TopicPartition input(ConsumerRecord<byte[], byte[]> input) {
        int partition = input.partition();
        if (partition >= inputs.length) {
            inputs = Arrays.copyOf(inputs, partition + 1);
        }
        TopicPartition from = inputs[partition];
        if (from == null || !from.topic().equals(input.topic())) {
            from = new TopicPartition(input.topic(), partition);
            inputs[partition] = from;
        }
        return from;
    }

    private void observe(ConsumerRecord<byte[], byte[]> r) {
        try {
            clock.observe(r.partition(), WatermarkRecords.decode(r.headers()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping a malformed watermark record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
            metrics.error("bad_watermark");
        }
    }
}
