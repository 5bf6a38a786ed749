package io.platform.etl.model.spec;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.enrich.SourceType;
import io.platform.etl.model.rules.filter.Operator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeedPipelineTest {

    private final StreamingPipeline pipeline = PipelineSpecParser.seed();
    private final PipelineSpec spec = pipeline.spec();

    @Test
    void readsHeaderAndGlobalConfig() {
        assertThat(pipeline.apiVersion()).isEqualTo("etl.platform.io/v1");
        assertThat(pipeline.kind()).isEqualTo("StreamingPipeline");
        assertThat(pipeline.name()).isEqualTo("advanced-streaming-pipeline");
        assertThat(pipeline.metadata().namespace()).isEqualTo("data-processing");
        assertThat(spec.config()).isEqualTo(new GlobalConfig(ProcessingMode.STREAMING, Duration.ofSeconds(30),
                Duration.ofSeconds(10), LateDataHandling.DROP, 4, 16, "events.dlq", "events.late"));
    }

    @Test
    void readsSource() {
        SourceSpec.Kafka source = spec.source().config();
        assertThat(spec.source().type()).isEqualTo("kafka");
        assertThat(source.brokers()).containsExactly("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
        assertThat(source.topic()).isEqualTo("user.events.raw");
        assertThat(source.consumerGroup()).isEqualTo("etl-streaming-v1");
        assertThat(source.startOffset()).isEqualTo(StartOffset.EARLIEST);
        assertThat(source.security()).isEqualTo(new SourceSpec.KafkaSecurity("SASL_SSL", "kafka_credentials"));
    }

    @Test
    void readsWindowAndStagesInOrder() {
        assertThat(spec.processing().window()).isEqualTo(
                new WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(spec.processing().stages()).extracting(StageSpec::name)
                .containsExactly("deserialize", "filter", "deduplicate", "enrich", "aggregate");
        assertThat(spec.processing().stages()).extracting(StageSpec::type).containsExactly(StageType.DESERIALIZE,
                StageType.FILTER, StageType.DEDUPLICATE, StageType.ENRICH, StageType.AGGREGATE);
    }

    @Test
    void readsDeserializeStage() {
        StageSpec stage = pipeline.stage(StageType.DESERIALIZE).orElseThrow();
        StageConfig.Deserialize config = stage.config(StageConfig.Deserialize.class);
        assertThat(config.format()).isEqualTo("json");
        assertThat(config.schemaRegistry()).isEqualTo(new StageConfig.SchemaRegistry(true, "http://schema-registry:8081"));
        assertThat(stage.resources()).isEqualTo(new StageSpec.Resources("200m", "256Mi"));
        assertThat(stage.scaling()).isEqualTo(new StageSpec.Scaling(2, 8, 70));
    }

    @Test
    void readsFilterStage() {
        StageSpec stage = pipeline.stage(StageType.FILTER).orElseThrow();
        StageConfig.Filter config = stage.config(StageConfig.Filter.class);
        assertThat(config.conditions()).hasSize(2);
        assertThat(config.conditions().get(0).field()).isEqualTo("event_type");
        assertThat(config.conditions().get(0).operator()).isEqualTo(Operator.IN);
        assertThat(config.conditions().get(0).values()).extracting(Object::toString)
                .containsExactly("\"click\"", "\"purchase\"", "\"signup\"");
        assertThat(config.conditions().get(0).enabled()).isTrue();
        assertThat(config.conditions().get(1).operator()).isEqualTo(Operator.NOT_NULL);
        assertThat(config.ruleSet().validate()).isEmpty();
        assertThat(config.dynamicRules()).isEqualTo(
                new DynamicRules(true, "/api/v1/filter-rules", Duration.ofSeconds(30), "redis"));
        assertThat(stage.checkpoint()).isTrue();
        assertThat(stage.database().type()).isEqualTo("redis");
        assertThat(stage.database().config().get("port").asInt()).isEqualTo(6379);
        assertThat(stage.scaling()).isEqualTo(new StageSpec.Scaling(2, 12, 75));
    }

    @Test
    void readsDeduplicateStage() {
        StageSpec stage = pipeline.stage(StageType.DEDUPLICATE).orElseThrow();
        StageConfig.Deduplicate config = stage.config(StageConfig.Deduplicate.class);
        assertThat(config.keyFields()).containsExactly("event_id", "user_id", "timestamp");
        assertThat(config.timeWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.algorithm()).isEqualTo(DedupeAlgorithm.BLOOM_FILTER);
        assertThat(config.toDeduplicationConfig().windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(config.toDeduplicationConfig().validate()).isEmpty();
        assertThat(config.dynamicRules().refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stage.sensitive()).isTrue();
        assertThat(stage.database().config().get("hosts")).hasSize(2);
        assertThat(stage.resources().memory()).isEqualTo("1Gi");
    }

    @Test
    void readsEnrichStage() {
        StageConfig.Enrich config = spec.stageConfig(StageType.ENRICH, StageConfig.Enrich.class).orElseThrow();
        assertThat(config.enrichmentSources()).hasSize(2);
        assertThat(config.enrichmentSources().get(0).type()).isEqualTo(SourceType.DATABASE);
        assertThat(config.enrichmentSources().get(0).connection()).isEqualTo("postgresql://user-db:5432/profiles");
        assertThat(config.enrichmentSources().get(0).cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.enrichmentSources().get(1).type()).isEqualTo(SourceType.API);
        assertThat(config.enrichmentSources().get(1).endpoint()).isEqualTo("http://geo-service:8080/location");
        assertThat(config.enrichmentSources().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.enrichmentSources().get(1).retryCount()).isEqualTo(2);
        assertThat(config.rules().get(0).selectFields()).containsExactly("age", "region", "subscription_tier");
        assertThat(config.rules().get(1).condition()).isEqualTo("ip_address IS NOT NULL");
        assertThat(config.ruleSet().validate()).isEmpty();
        assertThat(config.dynamicRules().refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pipeline.stage(StageType.ENRICH).orElseThrow().resources().memory()).isEqualTo("1.5Gi");
    }

    @Test
    void readsAggregateStage() {
        StageConfig.Aggregate config = spec.stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class).orElseThrow();
        assertThat(config.groupBy()).containsExactly("user_id", "event_type", "region");
        assertThat(config.aggregations()).containsExactly(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "total_amount"),
                new StageConfig.Aggregation("event_count", AggregateFunction.COUNT, "event_count"),
                new StageConfig.Aggregation("timestamp", AggregateFunction.MAX, "last_event_time"));
        assertThat(config.outputMode()).isEqualTo(OutputMode.UPDATE);
        assertThat(config.lateDataHandling()).isNull();
        assertThat(spec.lateDataHandling()).isEqualTo(LateDataHandling.DROP);
    }

    @Test
    void resolvesTopicsOfEveryStage() {
        PipelineTopics topics = pipeline.topics();
        assertThat(topics.inputTopic(StageType.FILTER)).isEqualTo("user.events.raw");
        assertThat(topics.outputTopic(StageType.FILTER)).isEqualTo("events.filtered");
        assertThat(topics.inputTopic(StageType.DEDUPLICATE)).isEqualTo("events.filtered");
        assertThat(topics.outputTopic(StageType.DEDUPLICATE)).isEqualTo("events.deduplicated");
        assertThat(topics.inputTopic(StageType.ENRICH)).isEqualTo("events.deduplicated");
        assertThat(topics.outputTopic(StageType.ENRICH)).isEqualTo("events.enriched");
        assertThat(topics.inputTopic(StageType.AGGREGATE)).isEqualTo("events.enriched");
        assertThat(topics.outputTopic(StageType.AGGREGATE)).isEqualTo("events.processed");
        assertThat(topics.inputTopic("deserialize")).isEqualTo("user.events.raw");
        assertThat(topics.topicAfter("deserialize")).isEqualTo("user.events.raw");
        assertThat(pipeline.topicAfter("filter")).isEqualTo("events.filtered");
        assertThat(topics.deadLetterTopic()).isEqualTo("events.dlq");
        assertThat(topics.lateTopic()).isEqualTo("events.late");
        assertThat(topics.sinkTopic()).isEqualTo("events.processed");
    }

    @Test
    void readsIntermediateStorageAndSink() {
        assertThat(spec.intermediateStorage()).containsExactly(
                new IntermediateStorage("filter", "kafka", new TopicSpec("events.filtered", 12, 3, 86_400_000L)),
                new IntermediateStorage("deduplicate", "kafka", new TopicSpec("events.deduplicated", 12, 3, 86_400_000L)));
        assertThat(spec.sink().config()).isEqualTo(new SinkSpec.Kafka(
                List.of("kafka-1:9092", "kafka-2:9092", "kafka-3:9092"), "events.processed", 16, 3, "json", "all", "lz4"));
    }

    @Test
    void readsOperationalSections() {
        assertThat(spec.monitoring().enabled()).isTrue();
        assertThat(spec.monitoring().metrics()).extracting(OperationsSpec.Metric::name)
                .containsExactly("throughput", "processing_latency", "error_rate");
        assertThat(spec.monitoring().alerts().get(0)).isEqualTo(new OperationsSpec.Alert("high_error_rate",
                "error_rate > 0.05", "critical", "slack://data-team"));
        assertThat(spec.stateManagement()).isEqualTo(new OperationsSpec.StateManagement("rocksdb",
                "s3://checkpoints-bucket/streaming-pipeline", "s3://savepoints-bucket/streaming-pipeline", "delete", true));
        assertThat(spec.security()).isEqualTo(new OperationsSpec.Security(true, true, "oauth2", "keycloak", true,
                "streaming-pipeline-sa"));
    }

    @Test
    void configCopyIsTheSameDocumentAndParses() throws Exception {
        Path config = locateRepoFile("config/pipeline.yaml");
        String bundled;
        try (var in = PipelineSpecParser.class.getResourceAsStream(PipelineSpecParser.SEED_RESOURCE)) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(config)).isEqualTo(bundled);
        assertThat(PipelineSpecParser.parse(config)).isEqualTo(pipeline);
    }

    private static Path locateRepoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        assertThat(dir).as(relative + " above the working directory").isNotNull();
        return dir.resolve(relative);
    }
}
