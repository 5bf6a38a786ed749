package io.platform.etl.stageruntime.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop thread, two batches deep (ADR 0809): poll a bounded batch and let {@link BatchProcessor} decode it and
 * start the stage's work; while that runs, {@link BatchWriter} sends the batch before it (outputs, dead letters) into
 * the open transaction, which commits with the input offsets and the watermark marks once per
 * {@code stage.commit-interval} (ADR 0338; 0 = one transaction per batch, so the stage's work never holds a
 * transaction open). A failed transaction (or a transient error of the stage) is aborted, the batch polled after it
 * is dropped unwritten, and the consumer seeks back to the failed transaction's first offsets (= the last committed
 * ones); an output refused as too large is dead-lettered on that re-read ({@link OversizeRecords}). The batch in hand
 * and the open transaction are committed before partitions are revoked and on a stop, dropped and aborted when they
 * are lost. Fatal errors (fenced, unauthorized) stop the loop and turn liveness DOWN.
 */
public final class LoopWorker implements Runnable {

    /** CREATED until the first poll, RUNNING, then STOPPED (shutdown) or FAILED (fatal error). */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(LoopWorker.class);

    private final KafkaClients clients;
    private final StageTopics topics;
    private final LoopSettings settings;
    private final Duration commitInterval;
    private final String name;
    private final MeterRegistry registry;
    private final boolean writesMarks;
    private final BatchProcessor processor;
    private final StageMetrics metrics;
    private volatile boolean running = true;
    private volatile State state = State.CREATED;
    private volatile Throwable fatal;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private BatchWriter writer;
    private volatile int assignments;
    /** The started batch: its lookups run while the one before it is written. Loop thread only. */
    private BatchProcessor.Started inHand;

    /** @param writesMarks false when the output is the pipeline's sink, which carries no control records */
    LoopWorker(String name, KafkaClients clients, StageTopics topics, LoopSettings settings, Duration commitInterval,
               boolean writesMarks, BatchProcessor processor, StageMetrics metrics, MeterRegistry registry) {
        this.commitInterval = commitInterval;
        this.name = name;
        this.registry = registry;
        this.writesMarks = writesMarks;
        this.clients = clients;
        this.topics = topics;
        this.settings = settings;
        this.processor = processor;
        this.metrics = metrics;
    }

    /** The loop thread's name: {@code <stage>-loop-<n>}, or per leg of a keyed stage. */
    public String name() {
        return name;
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
            // Partition counts are looked up once, before consuming: a blocking consumer call inside a batch could be
            // woken up by a shutdown and leave that batch unwritten.
            writer = new BatchWriter(clients, topics, writesMarks, processor, metrics,
                    c.partitionsFor(topics.input()).size(), c.partitionsFor(topics.output()).size(), commitInterval);
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
            if (writer != null) {
                writer.close();
            }
            processor.stage().stopped();
            LOG.info("{} {}", name, state);
        }
    }

    /**
     * Two deep (ADR 0809): a polled batch's work is started, then the batch before it is sent into the open
     * transaction while it runs. The transaction commits once per commit interval (ADR 0338), at once when a poll
     * finds the input drained, or with the watermark marks alone when they are due and no data came; a stop appends
     * the batch in hand and commits.
     */
    private void consume(KafkaConsumer<byte[], byte[]> c) {
        while (running) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = c.poll(inHand != null ? Duration.ZERO
                        : writer.untilDue(System.nanoTime(), settings.pollTimeout()));
            } catch (WakeupException e) {
                break;
            } catch (KafkaException e) {
                if (ErrorClassifier.classify(e) == ErrorClass.FATAL) {
                    throw e;
                }
                LOG.warn("Poll failed ({}); polling again", e.toString());
                LockSupport.parkNanos(BatchWriter.FIRST_BACKOFF.toNanos());
                continue;
            }
            state = State.RUNNING;
            BatchProcessor.Started next = records.isEmpty() ? null : processor.start(records);
            Batch failed = appendInHand(c);
            if (failed == null) {
                failed = appendTick(c);
            }
            // An empty poll means the input is drained for now: commit at once rather than hold the records for the
            // rest of the interval (at low rates the interval would be most of their latency).
            if (failed == null && (next == null && writer.isOpen() || writer.due(System.nanoTime()))) {
                failed = writer.commit(c);
            }
            if (failed != null && next != null) {
                // Polled past the failed transaction: drop the batch, never write it; it is polled again after it.
                drop(c, next, failed.rewind().keySet());
                next = null;
            }
            inHand = next;
        }
        commitAll(c);
    }

    /** Appends what the stage emits because time passed (ADR 0340); returns what was rewound if that failed. */
    private Batch appendTick(KafkaConsumer<byte[], byte[]> c) {
        Batch tick;
        try {
            tick = processor.tick(System.nanoTime());
        } catch (RuntimeException e) {
            if (ErrorClassifier.classify(e) != ErrorClass.TRANSIENT) {
                throw e;
            }
            return writer.failed(c, Map.of(), e);
        }
        return tick == null ? null : writer.append(c, tick);
    }

    /**
     * Appends the batch in hand and what the stage emits for it on a tick, then commits the open transaction. The tick
     * belongs here too: a keyed stage may hold state changes until its tick (ADR 0340), and a commit without them
     * would record the input offsets without the state they produced.
     */
    private void commitAll(KafkaConsumer<byte[], byte[]> c) {
        if (appendInHand(c) == null && appendTick(c) == null) {
            writer.commit(c);
        }
    }

    /**
     * Waits for the batch in hand and sends it into the open transaction; returns what was rewound if that
     * transaction failed (aborted, everything since it began to be re-read).
     */
    private Batch appendInHand(KafkaConsumer<byte[], byte[]> c) {
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
            return writer.failed(c, started.rewind(), e);
        }
        return writer.append(c, batch);
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

    private final class Rebalance implements ConsumerRebalanceListener {
        /** Runs inside poll: the batch in hand and the open transaction are committed while this instance owns them. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitAll(consumer);
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            processor.clock().revoked(numbers);
            processor.stage().dropped(numbers);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignments++;
            LOG.info("{} assigned {}", name, partitions);
            processor.stage().assigned(partitions.stream().map(TopicPartition::partition).toList());
        }

        /** Another member may own them already: the batch in hand is dropped and the open transaction aborted. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (inHand != null) {
                drop(consumer, inHand, Set.of());
                inHand = null;
            }
            writer.abandon(consumer);
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            processor.clock().revoked(numbers);
            processor.stage().dropped(numbers);
        }
    }
}
