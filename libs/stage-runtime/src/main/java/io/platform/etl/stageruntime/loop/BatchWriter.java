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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop thread's transactional producer: writes a {@link Batch} (outputs, dead letters, due watermark marks and the
 * input offsets) in one transaction and, once it committed, counts the batch's outcomes. A failed transaction is
 * aborted (a producer that cannot abort is replaced), outputs refused as too large are noted for the re-read
 * ({@link OversizeRecords}), and the consumer seeks back to the batch's first offsets after a growing backoff.
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
    private KafkaProducer<byte[], byte[]> producer;
    private int failures;

    /** @param writesMarks false when the output is the pipeline's sink, which carries no control records */
    BatchWriter(KafkaClients clients, StageTopics topics, boolean writesMarks, BatchProcessor processor,
                StageMetrics metrics, int inputPartitions, int outputPartitions) {
        this.clients = clients;
        this.topics = topics;
        this.writesMarks = writesMarks;
        this.processor = processor;
        this.metrics = metrics;
        this.inputPartitions = inputPartitions;
        this.outputPartitions = outputPartitions;
        this.producer = newProducer();
    }

    /** Writes the batch in one transaction; false when it failed (aborted, the consumer set back to its start). */
    boolean write(KafkaConsumer<byte[], byte[]> c, Batch batch) {
        List<WatermarkMark> marks = writesMarks ? processor.clock().changed(assigned(c), inputPartitions,
                p -> caughtUp(c, p), System.nanoTime()) : List.of();
        if (batch.records().isEmpty() && batch.offsets().isEmpty() && marks.isEmpty()) {
            return true;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.records().size());
        try {
            producer.beginTransaction();
            for (Batch.Output o : batch.records()) {
                sent.add(producer.send(o.record()));
            }
            for (WatermarkMark mark : marks) {
                for (int p = 0; p < outputPartitions; p++) {
                    producer.send(new ProducerRecord<>(topics.output(), p, WatermarkRecords.key(mark), new byte[0],
                            WatermarkRecords.encode(mark)));
                }
            }
            if (!batch.offsets().isEmpty()) {
                producer.sendOffsetsToTransaction(batch.offsets(), c.groupMetadata());
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (ErrorClassifier.classify(e) == ErrorClass.FATAL) {
                throw e;
            }
            abort();
            rewind(c, batch, noteTooLarge(batch, sent), e);
            return false;
        }
        failures = 0;
        processor.oversize().committed(batch.offsets());
        processor.clock().committed(marks);
        for (Batch.Outcome o : batch.outcomes()) {
            if (o.reason() != null) {
                metrics.deadLettered(o.reason(), o.receivedNanos());
            } else {
                outcomes.computeIfAbsent(o.status(), metrics::outcome).record(o.receivedNanos());
            }
        }
        return true;
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
        batch.rewind().forEach((tp, offset) -> {
            if (c.assignment().contains(tp)) {
                c.seek(tp, offset);
            }
        });
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

    /** Inputs whose output was refused as too large (the sends are complete once the transaction is aborted). */
    private int noteTooLarge(Batch batch, List<Future<RecordMetadata>> sent) {
        int found = 0;
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> f = sent.get(i);
            if (!f.isDone()) {
                continue;
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    Batch.Output o = batch.records().get(i);
                    processor.oversize().refused(o.input(), o.inputOffset());
                    found++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
        return found;
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
