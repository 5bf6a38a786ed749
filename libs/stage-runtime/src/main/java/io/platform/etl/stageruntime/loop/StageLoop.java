package io.platform.etl.stageruntime.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StartGate;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoopStage} on {@code stage.threads} loop threads (ADR 0337, 0800): started when the context has
 * started and every {@link StartGate} (the first rule snapshot) is open, stopped on shutdown (SIGTERM) after the batch
 * in hand is committed, within {@code stage.shutdown-timeout}. Active only in a service that provides a
 * {@link LoopStage}; such a service builds no Kafka Streams.
 */
@Context
@Requires(beans = LoopStage.class)
public class StageLoop implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StageLoop.class);

    private final List<StartGate> gates;
    private final StageSettings stage;
    private final List<LoopWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closing;

    public StageLoop(StageSection section, StageSettings stage, LoopSettings loop, KafkaSettings kafka,
                     @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrap,
                     EventTimeSettings eventTime, LoopStage loopStage, StageMetrics metrics, MeterRegistry registry,
                     StageRules rules, List<StartGate> gates) {
        this.gates = gates;
        this.stage = stage;
        LoopAssembler assembler = new LoopAssembler(section, stage, loop, kafka, bootstrap, eventTime, loopStage,
                metrics, registry, rules.instanceId());
        for (int n = 0; n < assembler.threads(); n++) {
            workers.add(assembler.worker(n));
        }
        LOG.info("Stage loop {} -> {}: {} thread(s), batches of up to {} records, first transactional id {}",
                section.topics().input(), section.topics().output(), workers.size(), loop.maxPollRecords(),
                assembler.transactionalId(0));
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        StartGate.allOpened(gates).whenComplete((ok, error) -> start());
    }

    private synchronized void start() {
        if (closing || !threads.isEmpty()) {
            return;
        }
        for (int n = 0; n < workers.size(); n++) {
            Thread thread = new Thread(workers.get(n), "stage-loop-" + n);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * The loop's state: FAILED when any thread failed, else RUNNING when any polls, else the first thread's state
     * (CREATED before the start gates opened, STOPPED after the shutdown).
     */
    public LoopWorker.State state() {
        LoopWorker.State state = workers.getFirst().state();
        for (LoopWorker worker : workers) {
            if (worker.state() == LoopWorker.State.FAILED) {
                return LoopWorker.State.FAILED;
            }
            if (worker.state() == LoopWorker.State.RUNNING) {
                state = LoopWorker.State.RUNNING;
            }
        }
        return state;
    }

    /** How many times the group gave this instance's threads partitions (one per thread while none rebalanced). */
    public int assignments() {
        return workers.stream().mapToInt(LoopWorker::assignments).sum();
    }

    /** What stopped a loop thread for good; null while nothing did. */
    public Throwable fatalError() {
        return workers.stream().map(LoopWorker::fatalError).filter(e -> e != null).findFirst().orElse(null);
    }

    @PreDestroy
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closing = true;
            running = List.copyOf(threads);
        }
        workers.forEach(LoopWorker::stop);
        long deadline = System.nanoTime() + stage.shutdownTimeout().toNanos();
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {}", thread.getName(), stage.shutdownTimeout());
            }
        }
    }
}
