package io.platform.etl.stage.enrich.loop;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.enrich.config.EnrichSettings;
import io.platform.etl.stage.enrich.enrich.Enricher;
import io.platform.etl.stage.enrich.lookup.LookupRegistry;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stage.enrich.watermark.PartitionWatermarks;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StartGate;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich stage's consume → batch lookups → transactional produce loop (ADR 0800) on its own thread: started when
 * the context has started and every {@link StartGate} (the first rule snapshot) is open, stopped on shutdown
 * (SIGTERM) after the batch in hand is committed, within {@code stage.shutdown-timeout}.
 */
@Context
public class EnrichLoop implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichLoop.class);

    private final List<StartGate> gates;
    private final StageSettings stage;
    private final LoopWorker worker;
    private Thread thread;
    private boolean closing;

    public EnrichLoop(StageSection section, StageSettings stage, KafkaSettings kafka,
                      @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrap, EnrichSettings settings,
                      RuleHolder<EnrichmentPlan> rules, LookupRegistry registry, StageMetrics metrics,
                      StageRules stageRules, List<StartGate> gates) {
        this.gates = gates;
        this.stage = stage;
        KafkaClients clients = new KafkaClients(section, stage, kafka, bootstrap, settings, stageRules.instanceId());
        EventCodec codec = new EventCodec(stage.maxRecordBytes());
        DeadLetters deadLetters = new DeadLetters(section.name(), section.topics().deadLetter(), metrics);
        BatchProcessor processor = new BatchProcessor(section.topics().output(), codec, deadLetters, metrics, rules,
                new Enricher(registry.metrics(), settings.batchTimeout()), new PartitionWatermarks(section.name()));
        this.worker = new LoopWorker(clients, section.topics(), settings, processor, metrics);
        LOG.info("Enrich loop {}: {} -> {}, batches of up to {} records, transactional id {}", clients.groupId(),
                section.topics().input(), section.topics().output(), settings.maxPollRecords(),
                clients.producer().get("transactional.id"));
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        CompletableFuture<?>[] waiting = gates.stream().map(g -> g.opened().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(waiting).whenComplete((ok, error) -> start());
    }

    private synchronized void start() {
        if (closing || thread != null) {
            return;
        }
        thread = new Thread(worker, "enrich-loop");
        thread.start();
    }

    public LoopWorker.State state() {
        return worker.state();
    }

    /** How many times the group gave this instance partitions (1 while no rebalance happened). */
    public int assignments() {
        return worker.assignments();
    }

    /** What stopped the loop for good; null while nothing did. */
    public Throwable fatalError() {
        return worker.fatalError();
    }

    @PreDestroy
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        worker.stop();
        if (running != null) {
            try {
                running.join(stage.shutdownTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (running.isAlive()) {
                LOG.warn("Enrich loop did not stop within {}", stage.shutdownTimeout());
            }
        }
    }
}
