package io.platform.etl.stageruntime.loop;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StartGate;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the loop threads of a {@link LoopPlan} (ADR 0337, 0800, 0340): started when the context has started and every
 * {@link StartGate} (the first rule snapshot) is open, stopped on shutdown (SIGTERM) after the batch in hand is
 * committed, within {@code stage.shutdown-timeout}. Active only in a service that provides a {@link LoopStage} or a
 * keyed stage; such a service builds no Kafka Streams.
 */
@Context
@Requires(beans = LoopPlan.class)
public class StageLoop implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StageLoop.class);

    private final List<StartGate> gates;
    private final StageSettings stage;
    private final List<LoopWorker> workers;
    private final List<Thread> threads = new ArrayList<>();
    private boolean closing;

    public StageLoop(LoopPlan plan, StageSettings stage, List<StartGate> gates) {
        this.gates = gates;
        this.stage = stage;
        this.workers = plan.workers();
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
            Thread thread = new Thread(workers.get(n), workers.get(n).name());
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
