package io.platform.etl.stage.enrich.loop;

import io.platform.etl.stage.enrich.config.EnrichSettings;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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
 * The loop itself, two batches deep (ADR 0809): poll a bounded batch and let {@link BatchProcessor} decode it and
 * start its lookups; while they run, write the batch before it (outputs, dead letters, watermark marks and input
 * offsets in one transaction; lookups never hold a transaction open). A failed transaction is aborted, the batch
 * polled after it is dropped unwritten, and the consumer seeks back to the failed batch's first offsets (= the last
 * committed ones); an output refused as too large is dead-lettered on that re-read ({@link OversizeRecords}). The
 * batch in hand is written before partitions are revoked and on a stop, dropped when they are lost. Fatal errors
 * (fenced, unauthorized) stop the loop and turn liveness DOWN.
 */
public final class LoopWorker implements Runnable {

    /** CREATED until the first poll, RUNNING, then STOPPED (shutdown) or FAILED (fatal error). */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(LoopWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final StageTopics topics;
    private final EnrichSettings settings;
    private final BatchProcessor processor;
    private final StageMetrics metrics;
    private volatile boolean running = true;
    private volatile State state = State.CREATED;
    private volatile Throwable fatal;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private int failures;
    private int inputPartitions;
    private int outputPartitions;
    private volatile int assignments;
    /** The started batch: its lookups run while the one before it is written. Loop thread only. */
    private BatchProcessor.Started inHand;

    LoopWorker(KafkaClients clients, StageTopics topics, EnrichSettings settings, BatchProcessor processor,
               StageMetrics metrics) {
        this.clients = clients;
        this.topics = topics;
        this.settings = settings;
        this.processor = processor;
        this.metrics = metrics;
    }

    State state() {
        return state;
    }

    Throwable fatalError() {
        return fatal;
    }

    int assignments() {
        return assignments;
    }

    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clients.consumer())) {
            consumer = c;
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
                LOG.error("Enrich loop stopped by {}", e.toString(), e);
                fatal = e;
                state = State.FAILED;
            }
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            LOG.info("Enrich loop {}", state);
        }
    }

    /**
     * Two deep (ADR 0809): a polled batch's lookups are started, then the batch before it is written while they run.
     * A poll that returns nothing writes the batch in hand at once; so does a stop.
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
            Batch failed = writeInHand(c);
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
        Batch batch = processor.finish(started);
        return write(c, batch) ? null : batch;
    }

    /**
     * Forgets a started batch (its lookups finish unobserved, into the caches): its partitions go back to its first
     * offsets, except those in {@code rewound} (already set back further, to a failed batch's first offsets).
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
        List<WatermarkMark> marks = processor.watermarks().changed(inputPartitions);
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
            producer.sendOffsetsToTransaction(batch.offsets(), c.groupMetadata());
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
        processor.watermarks().committed(marks);
        for (Batch.Outcome o : batch.outcomes()) {
            if (o.reason() != null) {
                metrics.deadLettered(o.reason(), o.receivedNanos());
            } else {
                metrics.outcome(o.status(), o.receivedNanos());
            }
        }
        return true;
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
        processor.watermarks().aborted();
        int tooLarge = noteTooLarge(batch, sent);
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
            processor.watermarks().revoked(partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignments++;
            LOG.info("Enrich loop assigned {}", partitions);
        }

        /** Another member may own them already: the batch in hand is dropped, never written. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (inHand != null) {
                drop(consumer, inHand, Set.of());
                inHand = null;
            }
            processor.watermarks().revoked(partitions.stream().map(TopicPartition::partition).toList());
        }
    }
}
