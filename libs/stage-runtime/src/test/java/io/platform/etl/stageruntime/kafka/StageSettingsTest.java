package io.platform.etl.stageruntime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageSettingsTest {

    private final StreamingPipeline seed = PipelineSpecParser.seed();
    private final StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
            new StageTopics("in", "out", "dlq"));

    @Test
    void bindsDottedPassThroughKeysVerbatimAndDefaults() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("stage.type", "filter",
                "stage.streams.consumer.session.timeout.ms", "6000", "stage.streams.producer.linger.ms", "5"))) {
            StageSettings settings = ctx.getBean(StageSettings.class);
            assertThat(settings.streams()).containsEntry("consumer.session.timeout.ms", "6000")
                    .containsEntry("producer.linger.ms", "5");
            assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(settings.topicSuffix()).isEmpty();
            assertThat(settings.stateDir()).isEqualTo(
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString());
        }
    }

    @Test
    void buildsExactlyOnceConfigFromSpecAndEnvironment() {
        StageSettings stage = settings(null);
        Properties p = StreamsProperties.build(section, stage, new KafkaSettings("PLAINTEXT", null, null, null, null,
                null), "localhost:9092", null);
        assertThat(p).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("application.id", "etl-streaming-v1-filter.t")
                .containsEntry("num.stream.threads", 4)
                .containsEntry("producer.compression.type", "lz4")
                .containsEntry("producer.acks", "all")
                .containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void usesSpecBrokersAndSaslCredentialsFromEnvironment() {
        Properties p = StreamsProperties.build(section, settings(2), new KafkaSettings(null, "PLAIN", "svc", "s\"cret",
                null, null), null, null);
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("num.stream.threads", 2);
        assertThat(p.getProperty("sasl.jaas.config")).contains("username=\"svc\"", "password=\"s\\\"cret\"");
    }

    @Test
    void refusesSaslWithoutCredentialsNamingTheVariables() {
        assertThatThrownBy(() -> StreamsProperties.build(section, settings(null),
                new KafkaSettings(null, null, null, null, null, null), null, null))
                .hasMessageContaining("KAFKA_SASL_USERNAME").hasMessageContaining("KAFKA_SECURITY_PROTOCOL=PLAINTEXT");
    }

    private static StageSettings settings(Integer threads) {
        return new StageSettings("filter", null, null, ".t", threads, Duration.ofMillis(100), "/tmp/ks",
                Duration.ofSeconds(30), 1024, 3, Map.of());
    }
}
