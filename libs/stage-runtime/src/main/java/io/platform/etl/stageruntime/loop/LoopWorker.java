package io.platform.etl.stageruntime.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import io.platform.etl.stageruntime.metrics.Outcome;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop thread, two batches deep (ADR 0809): poll a bounded batch and let {@link BatchProcessor} decode it and
 * start the stage's work; while that runs, write the batch before it (outputs, dead letters, watermark marks and
 * input offsets in one transaction; the stage's work never holds a transaction open). A failed transaction (or a
 * transient error of the stage) is aborted, the batch polled after it is dropped unwritten, and the consumer seeks
 * back to the failed batch's first offsets (= the last committed ones); an output refused as too large is
 * dead-lettered on that re-read ({@link OversizeRecords}). The batch in hand is written before partitions are
 * revoked and on a stop, dropped when they are lost. Fatal errors (fenced, unauthorized) stop the loop and turn
 * liveness DOWN.
 */
public final class LoopWorker implements Runnable {

    /** CREATED until the first poll, RUNNING, then STOPPED (shutdown) or FAILED (fatal error). */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(LoopWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final StageTopics topics;
    private final LoopSettings settings;
    private final String name;
    private final MeterRegistry registry;
    private final boolean writesMarks;
    private final BatchProcessor processor;
    private final StageMetrics metrics;
    private volatile boolean running = true;
    private volatile State state = State.CREATED;
    private volatile Throwable fatal;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    /** Outcome handles by status, so a record's outcome is counted without a meter look-up (ADR 0333). */
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private int failures;
    private int inputPartitions;
    private int outputPartitions;
    private volatile int assignments;
    /** The started batch: its lookups run while the one before it is written. Loop thread only. */
    private BatchProcessor.Started inHand;

    /** @param writesMarks false when the output is the pipeline's sink, which carries no control records */
    LoopWorker(String name, KafkaClients clients, StageTopics topics, LoopSettings settings, boolean writesMarks,
               BatchProcessor processor, StageMetrics metrics, MeterRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.writesMarks = writesMarks;
        this.clients = clients;
        this.topics = topics;
        this.settings = settings;
        this.processor = processor;
        this.metrics = metrics;
    }

    public State state() {
        return state;
    }

    public Throwable fatalError() {
        return fatal;
    }

    public int assignments() {
        return assignments;
    }

    /** Asks the loop to write the batch in hand and stop; returns at once. */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clients.consumer());
             KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c)) {
            consumer = c;
            // The consumer's lag (kafka_consumer_fetch_manager_records_lag_max) as Kafka Streams stages report it: the
            // EtlConsumerLagGrowing alert and the dashboard read it.
            clientMetrics.bindTo(registry);
            producer = newProducer();
            // Looked up once, before consuming: a blocking consumer call inside a batch could be woken up by a
            // shutdown and leave that batch unwritten.
            inputPartitions = c.partitionsFor(topics.input()).size();
            outputPartitions = c.partitionsFor(topics.output()).size();
            c.subscribe(List.of(topics.input()), new Rebalance());
            try {
                consume(c);
            } finally {
                // Ended by an error: the batch in hand is dropped (re-read from the committed offsets), and the
                // consumer's close must not write it in its revocation callback.
                inHand = null;
            }
            state = State.STOPPED;
        } catch (RuntimeException | Error e) {
            if (!running) {
                state = State.STOPPED;
            } else {
                LOG.error("{} stopped by {}", name, e.toString(), e);
                fatal = e;
                state = State.FAILED;
            }
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            LOG.info("{} {}", name, state);
        }
    }

    /**
     * Two deep (ADR 0809): a polled batch's work is started, then the batch before it is written while it runs.
     * A poll that returns nothing writes the batch in hand at once, or the watermark marks alone when they are due;
     * so does a stop.
     */
    private void consume(KafkaConsumer<byte[], byte[]> c) {
        while (running) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = c.poll(inHand == null ? settings.pollTimeout() : Duration.ZERO);
            } catch (WakeupException e) {
                break;
            } catch (KafkaException e) {
                if (ErrorClassifier.classify(e) == ErrorClass.FATAL) {
                    throw e;
                }
                LOG.warn("Poll failed ({}); polling again", e.toString());
                LockSupport.parkNanos(FIRST_BACKOFF.toNanos());
                continue;
            }
            state = State.RUNNING;
            BatchProcessor.Started next = records.isEmpty() ? null : processor.start(records);
            Batch failed = next == null && inHand == null && processor.clock().due(System.nanoTime())
                    ? (write(c, Batch.EMPTY) ? null : Batch.EMPTY) : writeInHand(c);
            if (failed != null && next != null) {
                // Polled past the failed batch: drop it, never write it; it is polled again after the failed one.
                drop(c, next, failed.rewind().keySet());
                next = null;
            }
            inHand = next;
        }
        writeInHand(c);
    }

    /** Waits for the batch in hand and writes it; returns it if its transaction failed (aborted, rewound). */
    private Batch writeInHand(KafkaConsumer<byte[], byte[]> c) {
        BatchProcessor.Started started = inHand;
        inHand = null;
        if (started == null) {
            return null;
        }
        Batch batch;
        try {
            batch = processor.finish(started);
        } catch (RuntimeException e) {
            if (ErrorClassifier.classify(e) != ErrorClass.TRANSIENT) {
                throw e;
            }
            Batch failed = new Batch(List.of(), started.offsets(), started.rewind(), List.of());
            rewind(c, failed, 0, e);
            return failed;
        }
        return write(c, batch) ? null : batch;
    }

    /**
     * Forgets a started batch (the stage's work finishes unobserved): its partitions go back to its first offsets,
     * except those in {@code rewound} (already set back further, to a failed batch's first offsets).
     */
    private static void drop(KafkaConsumer<byte[], byte[]> c, BatchProcessor.Started dropped,
                             Set<TopicPartition> rewound) {
        dropped.rewind().forEach((tp, offset) -> {
            if (!rewound.contains(tp) && c.assignment().contains(tp)) {
                c.seek(tp, offset);
            }
        });
    }

    private boolean write(KafkaConsumer<byte[], byte[]> c, Batch batch) {
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
            if (!marks.isEmpty()) {
                for (WatermarkMark mark : marks) {
                    for (int p = 0; p < outputPartitions; p++) {
                        producer.send(new ProducerRecord<>(topics.output(), p, WatermarkRecords.key(mark),
                                new byte[0], WatermarkRecords.encode(mark)));
                    }
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
            recover(c, batch, sent, e);
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

    private List<Integer> assigned(KafkaConsumer<byte[], byte[]> c) {
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

    /**
     * Abort, seek back to the batch's first offsets, back off; the batch is processed again from there. When outputs
     * were refused as too large, those inputs become dead letters on the re-read, which follows without delay.
     */
    private void recover(KafkaConsumer<byte[], byte[]> c, Batch batch, List<Future<RecordMetadata>> sent,
                         KafkaException cause) {
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
        rewind(c, batch, noteTooLarge(batch, sent), cause);
    }

    /** Undoes the batch's observations and seeks back to its first offsets (after a backoff, unless too large). */
    private void rewind(KafkaConsumer<byte[], byte[]> c, Batch batch, int tooLarge, RuntimeException cause) {
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

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(clients.producer());
        p.initTransactions();
        return p;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        /** Runs inside poll: the batch in hand is written while this instance still owns its partitions. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            writeInHand(consumer);
            processor.clock().revoked(partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignments++;
            LOG.info("{} assigned {}", name, partitions);
        }

        /** Another member may own them already: the batch in hand is dropped, never written. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (inHand != null) {
                drop(consumer, inHand, Set.of());
                inHand = null;
            }
            processor.clock().revoked(partitions.stream().map(TopicPartition::partition).toList());
        }
    }
}
