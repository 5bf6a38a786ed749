package io.platform.etl.stageruntime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.loop.LoopSettings;
import io.platform.etl.stageruntime.rules.DynamicRulesSettings;
import io.platform.etl.stageruntime.spec.SpecSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stages' application.yml no longer maps environment variables with {@code ${ENV:default}}: Micronaut's own
 * environment-variable convention binds each documented variable to the same property. Checked through Micronaut's
 * resolver with a property source of the environment-variable convention (the real environment is switched off).
 */
class EnvironmentMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PIPELINE_SPEC, pipeline.spec, /etc/etl/pipeline.yaml",
        "PIPELINE_SEED_FALLBACK, pipeline.seed-fallback, true",
        "KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrap.servers, 'broker-1:9092,broker-2:9092'",
        "KAFKA_SECURITY_PROTOCOL, kafka.security-protocol, PLAINTEXT",
        "REDIS_URI, redis.uri, redis://rules:6380",
        "RULES_REDIS_PREFIX, rules.redis.prefix, test:rules",
        "RULES_STARTUP_WAIT, rules.startup-wait, 3s",
        "STAGE_THREADS, stage.threads, 3",
        "STAGE_COMMIT_INTERVAL, stage.commit-interval, 250ms",
        "STAGE_STATE_DIR, stage.state-dir, /var/lib/stage",
        "STAGE_SHUTDOWN_TIMEOUT, stage.shutdown-timeout, 45s",
        "STAGE_LOOP_MAX_POLL_RECORDS, stage.loop.max-poll-records, 200",
        "STAGE_LOOP_TRANSACTION_TIMEOUT, stage.loop.transaction-timeout, 20s",
    })
    void environmentVariableBindsTheDocumentedProperty(String variable, String property, String value) {
        try (ApplicationContext context = withEnvironment(Map.of(variable, value))) {
            assertThat(context.getProperty(property, String.class)).contains(value);
        }
    }

    @Test
    void environmentVariablesReachTheTypedSettings() {
        try (ApplicationContext context = withEnvironment(Map.of("PIPELINE_SPEC", "/etc/etl/p.yaml",
                "KAFKA_SECURITY_PROTOCOL", "SSL", "RULES_STARTUP_WAIT", "3s", "STAGE_THREADS", "3",
                "STAGE_COMMIT_INTERVAL", "250ms", "STAGE_SHUTDOWN_TIMEOUT", "45s", "STAGE_STATE_DIR", "/var/s",
                "STAGE_LOOP_MAX_POLL_RECORDS", "200"))) {
            StageSettings stage = context.getBean(StageSettings.class);
            assertThat(stage.threads()).isEqualTo(3);
            assertThat(stage.commitInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(stage.shutdownTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(stage.stateDir()).isEqualTo("/var/s");
            assertThat(context.getBean(SpecSettings.class).spec()).isEqualTo("/etc/etl/p.yaml");
            assertThat(context.getBean(KafkaSettings.class).securityProtocol()).isEqualTo("SSL");
            assertThat(context.getBean(DynamicRulesSettings.class).startupWait()).isEqualTo(Duration.ofSeconds(3));
            assertThat(context.getBean(LoopSettings.class).maxPollRecords()).isEqualTo(200);
        }
    }

    private static ApplicationContext withEnvironment(Map<String, String> variables) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(PropertySource.of("environment-under-test", new HashMap<>(variables),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                // Settings only: with kafka.* set and no stage topology, micronaut-kafka would build an empty
                // KafkaStreams (a stage service always has a topology; stages on the loop exclude Kafka Streams).
                .properties(Map.of("stage.type", "filter", "kafka.enabled", "false"))
                .start();
    }
}
