package io.platform.etl.stageruntime.rules;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.spec.DynamicRules;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.rulesclient.RulesClient;
import io.platform.etl.rulesclient.RulesClientSettings;
import io.platform.etl.rulesclient.SnapshotDecoder;
import io.platform.etl.stageruntime.kafka.StartGate;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Creates the rule holders of a stage: a {@link RulesClient} on Redis when the spec enables {@code dynamic_rules},
 * a fixed holder otherwise. Also the {@link StartGate} that holds Kafka Streams back until every client has read
 * its first snapshot or {@code rules.startup-wait} has passed (ADR 0301), and the owner of the clients' lifecycle.
 */
@Singleton
public class StageRules implements StartGate {

    private final StageSection section;
    private final DynamicRulesSettings settings;
    private final MeterRegistry registry;
    private final String redisUri;
    private final RuleKeys keys;
    private final String instanceId;
    private final List<Tracked> clients = new CopyOnWriteArrayList<>();

    public StageRules(StageSection section, StageSettings stage, DynamicRulesSettings settings, MeterRegistry registry,
                      RedisSettings redis, RulesStoreSettings store) {
        this.section = section;
        this.settings = settings;
        this.registry = registry;
        this.redisUri = redis.uri();
        this.keys = new RuleKeys(store.prefix());
        this.instanceId = InstanceId.resolve(stage.instanceId(), section.name());
    }

    /**
     * The holder for one kind of rules.
     *
     * @param dynamic the stage's {@code dynamic_rules} (null or disabled = static rules only)
     * @param initial the compiled static rules, in effect until a snapshot is applied
     * @param decoder compiles a snapshot into the rules to use (static + dynamic)
     */
    public <T> RuleHolder<T> holder(RuleKind kind, DynamicRules dynamic, T initial, SnapshotDecoder<T> decoder) {
        if (dynamic == null || !dynamic.enabled()) {
            return RuleHolder.fixed(initial);
        }
        Duration refresh = settings.refreshInterval() != null ? settings.refreshInterval()
                : dynamic.refreshInterval() != null ? dynamic.refreshInterval() : DynamicRules.DEFAULT_REFRESH;
        RulesClientSettings clientSettings = new RulesClientSettings(redisUri, keys, section.pipeline().name(), kind,
                section.name(), instanceId, refresh, settings.retryInterval(), settings.commandTimeout());
        RulesClient<T> client = new RulesClient<>(clientSettings, initial, decoder, registry, Clock.systemUTC());
        CompletableFuture<Void> gate = client.initialized().copy();
        if (!settings.startupWait().isZero()) {
            gate.completeOnTimeout(null, settings.startupWait().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            gate.complete(null);
        }
        clients.add(new Tracked(client, gate));
        client.start();
        return client;
    }

    /** The Redis-backed clients created so far, with their start gates. */
    public List<Tracked> clients() {
        return List.copyOf(clients);
    }

    public String instanceId() {
        return instanceId;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public CompletionStage<?> opened() {
        return CompletableFuture.allOf(clients.stream().map(Tracked::gate).toArray(CompletableFuture[]::new));
    }

    @PreDestroy
    void close() {
        clients.forEach(t -> t.client().close());
    }

    /** A client and the future that opens its start gate. */
    public record Tracked(RulesClient<?> client, CompletableFuture<Void> gate) {
    }
}
