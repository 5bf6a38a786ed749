package io.platform.etl.bench.kit.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.loop.LoopAssembler;
import io.platform.etl.stageruntime.loop.LoopSettings;
import io.platform.etl.stageruntime.loop.LoopStage;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.loop.Verdict;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The stage runtime's transactional loop with a stage that forwards every record (ADR 0337): the runtime's own cost
 * (decode, dead-letter routing, metrics, watermarks, the transaction) on a stage's settings, without Micronaut.
 */
public final class LoopNoop {

    /** Forwards every readable record unchanged. */
    public static final LoopStage FORWARD = (records, events) -> {
        List<Verdict> verdicts = Collections.nCopies(records.size(), Verdict.forward("passed"));
        return () -> verdicts;
    };

    private LoopNoop() {
    }

    /**
     * Runs {@code stage.threads} loop threads on plaintext until SIGTERM, with the stage's
     * {@code stage.loop.max-poll-records} from its application.yml.
     */
    public static void runUntilStopped(StageSection section, StageSettings settings, String bootstrap,
                                       Path applicationYml) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        // Else the runtime's defaults (LoopSettings' @Bindable values): the bench binds no configuration.
        int maxPollRecords = StageYaml.value(applicationYml, "stage.loop.max-poll-records").map(Integer::parseInt)
                .orElse(500);
        LoopSettings loop = new LoopSettings(maxPollRecords, Duration.ofMillis(100), Duration.ofSeconds(10), "none");
        LoopAssembler assembler = new LoopAssembler(section, settings, loop, new KafkaSettings("PLAINTEXT", null,
                null, null, null, null), bootstrap, EventTimeSettings.defaults(), FORWARD,
                new StageMetrics(registry, section.name()), registry, settings.instanceId());
        List<LoopWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int n = 0; n < assembler.threads(); n++) {
            LoopWorker worker = assembler.worker(n);
            workers.add(worker);
            threads.add(new Thread(worker, "loop-noop-" + n));
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.forEach(LoopWorker::stop);
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofSeconds(20).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stop.countDown();
        }));
        threads.forEach(Thread::start);
        stop.await();
    }
}
