package io.platform.etl.stageruntime.loop;

import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.metrics.Outcome;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop thread's transactional producer: sends each {@link Batch} (outputs and dead letters) into the open
 * transaction and commits it with the input offsets and the due watermark marks once per commit interval
 * ({@code stage.commit-interval}, ADR 0338); once it committed, it counts the outcomes of all its batches. A failed
 * transaction is aborted (a producer that cannot abort is replaced), outputs refused as too large are noted for the
 * re-read ({@link OversizeRecords}), and the consumer seeks back to the transaction's first offsets after a growing
 * backoff.
 * Fatal errors are thrown to the loop.
 */
final class BatchWriter implements AutoCloseable {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final KafkaClients clients;
    private final StageTopics topics;
    private final boolean writesMarks;
    private final BatchProcessor processor;
    private final StageMetrics metrics;
    private final int inputPartitions;
    private final int outputPartitions;
    /** Outcome handles by status, so a record's outcome is counted without a meter look-up (ADR 0333). */
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final long commitIntervalNanos;
    private KafkaProducer<byte[], byte[]> producer;
    /** The transaction being filled; null when none is open. */
    private OpenTransaction open;
    private int failures;

    /** @param writesMarks false when the output is the pipeline's sink, which carries no control records */
    BatchWriter(KafkaClients clients, StageTopics topics, boolean writesMarks, BatchProcessor processor,
                StageMetrics metrics, int inputPartitions, int outputPartitions, Duration commitInterval) {
        this.commitIntervalNanos = commitInterval.toNanos();
        this.clients = clients;
        this.topics = topics;
        this.writesMarks = writesMarks;
        this.processor = processor;
        this.metrics = metrics;
        this.inputPartitions = inputPartitions;
        this.outputPartitions = outputPartitions;
        this.producer = newProducer();
    }

    /** True while a transaction is open: batches were sent and not yet committed. */
    boolean isOpen() {
        return open != null;
    }

    /**
     * True when the open transaction has run for the commit interval, or, none being open, when watermark marks may
     * be due although no data came (an idle input).
     */
    boolean due(long nowNanos) {
        return open != null ? nowNanos - open.beganNanos() >= commitIntervalNanos : processor.clock().due(nowNanos);
    }

    /** How long until the open transaction is due, at most {@code max}; {@code max} when none is open. */
    Duration untilDue(long nowNanos, Duration max) {
        if (open == null) {
            return max;
        }
        long left = Math.max(0, commitIntervalNanos - (nowNanos - open.beganNanos()));
        return left < max.toNanos() ? Duration.ofNanos(left) : max;
    }

    /**
     * Sends the batch in the open transaction, beginning one when none is open. Returns null, or, when a send failed,
     * everything since the transaction began (aborted, the consumer set back to its first offsets).
     */
    Batch append(KafkaConsumer<byte[], byte[]> c, Batch batch) {
        if (batch.records().isEmpty() && batch.offsets().isEmpty()) {
            return null;
        }
        try {
            OpenTransaction t = begin();
            for (Batch.Output o : batch.records()) {
                // The callback keeps the input alone, not the output record (see OpenTransaction.Refusal).
                TopicPartition input = o.input();
                long offset = o.inputOffset();
                int index = o.inputIndex();
                producer.send(o.record(), (metadata, error) -> {
                    if (error instanceof RecordTooLargeException) {
                        t.refused(new OpenTransaction.Refusal(input, offset, index), error);
                    }
                });
            }
            t.added(batch);
            return null;
        } catch (KafkaException e) {
            return failed(c, batch.rewind(), e);
        }
    }

    /**
     * Commits the open transaction with the input offsets and the watermark marks due (marks alone when none is open
     * and some changed), then counts its outcomes. Returns null, or, when it failed, everything since the transaction
     * began (aborted, the consumer set back to its first offsets).
     */
    Batch commit(KafkaConsumer<byte[], byte[]> c) {
        List<WatermarkMark> marks = writesMarks ? processor.clock().changed(assigned(c), inputPartitions,
                p -> caughtUp(c, p), System.nanoTime()) : List.of();
        if (open == null && marks.isEmpty()) {
            return null;
        }
        Batch batch;
        try {
            boolean withInput = open != null;
            OpenTransaction t = begin();
            if (withInput) {
                for (ProducerRecord<byte[], byte[]> r : processor.stage().beforeCommit()) {
                    producer.send(r, (metadata, error) -> {
                        if (error instanceof RecordTooLargeException) {
                            t.refused(new OpenTransaction.Refusal(null, -1, 0), error);
                        }
                    });
                }
            }
            for (WatermarkMark mark : marks) {
                for (int p = 0; p < outputPartitions; p++) {
                    producer.send(new ProducerRecord<>(topics.output(), p, WatermarkRecords.key(mark), new byte[0],
                            WatermarkRecords.encode(mark)));
                }
            }
            batch = t.asBatch(Map.of());
            if (!batch.offsets().isEmpty()) {
                producer.sendOffsetsToTransaction(batch.offsets(), c.groupMetadata());
            }
            producer.commitTransaction();
            open = null;
        } catch (KafkaException e) {
            return failed(c, Map.of(), e);
        }
        failures = 0;
        processor.oversize().committed(batch.offsets());
        processor.clock().committed(marks);
        for (Batch.Outcome o : batch.outcomes()) {
            if (o.reason() != null) {
                metrics.deadLettered(o.reason(), o.receivedNanos());
            } else {
                Outcome outcome = outcomes.get(o.status());
                if (outcome == null) {
                    // Not computeIfAbsent(status, metrics::outcome): a bound method reference is allocated per record.
                    outcome = metrics.outcome(o.status());
                    outcomes.put(o.status(), outcome);
                }
                outcome.add(o.receivedNanos());
            }
        }
        outcomes.values().forEach(Outcome::flush);
        return null;
    }

    /**
     * A send, a commit or a batch's work failed: the open transaction (if any) is aborted, and everything since it
     * began is re-read, from {@code from} for partitions it did not hold yet. Fatal errors are thrown. Returns what
     * was rewound.
     */
    Batch failed(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> from, RuntimeException cause) {
        if (ErrorClassifier.classify(cause) == ErrorClass.FATAL) {
            throw cause;
        }
        OpenTransaction t = open;
        open = null;
        Batch batch = t == null ? new Batch(List.of(), Map.of(), from, List.of()) : t.asBatch(from);
        int tooLarge = 0;
        if (t != null) {
            abort();
            for (OpenTransaction.Refusal o : t.tooLarge()) {
                // An output made by time passing (no input) cannot be dead-lettered instead: it is retried.
                if (o.input() != null) {
                    processor.oversize().refused(o.input(), o.inputOffset(), o.inputIndex());
                    tooLarge++;
                }
            }
        }
        processor.stage().aborted();
        rewind(c, batch, tooLarge, cause);
        return batch;
    }

    /** Partitions lost to another member: the open transaction is aborted unwritten, its partitions set back. */
    void abandon(KafkaConsumer<byte[], byte[]> c) {
        OpenTransaction t = open;
        open = null;
        if (t != null) {
            abort();
            processor.clock().aborted();
            processor.stage().aborted();
            seekBack(c, t.asBatch(Map.of()));
        }
    }

    /**
     * Undoes the batch's watermark observations and seeks back to its first offsets, after a backoff that grows with
     * consecutive failures (none when outputs were refused as too large: their dead letters follow at once).
     */
    void rewind(KafkaConsumer<byte[], byte[]> c, Batch batch, int tooLarge, RuntimeException cause) {
        processor.clock().aborted();
        failures = tooLarge > 0 ? 0 : failures + 1;
        long delay = failures == 0 ? 0
                : Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 10));
        LOG.warn("Transaction failed ({}); aborted, re-reading {} partition(s) in {} ms{}", cause.toString(),
                batch.rewind().size(), delay, tooLarge > 0 ? "; " + tooLarge + " record(s) too large go to "
                        + "the dead-letter topic" : "");
        seekBack(c, batch);
        if (delay > 0) {
            LockSupport.parkNanos(Duration.ofMillis(delay).toNanos());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            if (ErrorClassifier.classify(e) == ErrorClass.FATAL) {
                throw e;
            }
            LOG.warn("Abort failed ({}); replacing the producer", e.toString());
            producer.close(Duration.ZERO);
            producer = newProducer();
        }
    }

    private static void seekBack(KafkaConsumer<byte[], byte[]> c, Batch batch) {
        batch.rewind().forEach((tp, offset) -> {
            if (c.assignment().contains(tp)) {
                c.seek(tp, offset);
            }
        });
    }

    private OpenTransaction begin() {
        if (open == null) {
            producer.beginTransaction();
            open = new OpenTransaction(System.nanoTime());
        }
        return open;
    }

    private static List<Integer> assigned(KafkaConsumer<byte[], byte[]> c) {
        List<Integer> partitions = new ArrayList<>();
        for (TopicPartition tp : c.assignment()) {
            partitions.add(tp.partition());
        }
        return partitions;
    }

    private boolean caughtUp(KafkaConsumer<byte[], byte[]> c, int partition) {
        OptionalLong lag = c.currentLag(new TopicPartition(topics.input(), partition));
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(clients.producer());
        p.initTransactions();
        return p;
    }
}
