package io.platform.etl.model.spec;

import io.platform.etl.model.rules.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken variants of the pipeline spec (config/pipeline.yaml): every error is reported with its exact path. */
class SpecValidationTest {

    private static final String SEED = loadSeed();

    private static String loadSeed() {
        try (InputStream in = PipelineSpecParser.class.getResourceAsStream(PipelineSpecParser.SEED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pipeline spec with one text replaced; the text must occur exactly once. */
    private static String seedWith(String from, String to) {
        int first = SEED.indexOf(from);
        assertThat(first).as("'%s' in seed", from).isNotNegative();
        assertThat(SEED.indexOf(from, first + 1)).as("'%s' only once in seed", from).isNegative();
        return SEED.replace(from, to);
    }

    private static List<String> errorsOf(String yaml) {
        try {
            PipelineSpecParser.parse(yaml);
        } catch (SpecValidationException e) {
            assertThat(e.getMessage()).contains(e.messages().get(0));
            return e.messages();
        }
        throw new AssertionError("expected SpecValidationException");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "time_window: \"1h\"          | time_window: \"1hour\"              | `spec.processing.stages[2].config.time_window: not a duration (\"1hour\")`",
            "topic: \"events.processed\"  | # topic removed                     | spec.sink.config.topic: required",
            "operator: \"not_null\"       | operator: \"between\"               | `spec.processing.stages[1].config.conditions[1].operator: unknown operator \"between\"`",
            "operator: \"in\"             | operator: \"between\"               | `spec.processing.stages[1].config.conditions[0].operator: unknown operator \"between\"`",
            "values: [\"click\", \"purchase\", \"signup\"] | enabled: true      | spec.processing.stages[1].config.conditions[0].values: required for operator in",
            "apiVersion: etl.platform.io/v1 | apiVersion: etl.platform.io/v2    | `apiVersion: expected \"etl.platform.io/v1\", was \"etl.platform.io/v2\"`",
            "kind: StreamingPipeline      | kind: Pipeline                      | `kind: expected \"StreamingPipeline\", was \"Pipeline\"`",
            "name: advanced-streaming-pipeline | name: Advanced_Pipeline        | `metadata.name: must be a lowercase DNS name (a-z, 0-9, '-', '.'), was \"Advanced_Pipeline\"`",
            "late_data_handling: \"drop\" | late_data_handling: \"ignore\"      | `spec.config.late_data_handling: unknown late data handling \"ignore\"`",
            "checkpoint_interval: \"30s\" | checkpoint_interval: \"30 seconds\" | `spec.config.checkpoint_interval: not a duration (\"30 seconds\")`",
            "parallelism: 4               | parallelism: 0                      | spec.config.parallelism: must be at least 1, was 0",
            "max_parallelism: 16          | max_parallelism: 2                  | spec.config.max_parallelism: must be at least parallelism (4), was 2",
            "topic: \"user.events.raw\"   | topic: \"\"                         | spec.source.config.topic: must not be blank",
            "consumer_group: \"etl-streaming-v1\" | consumer_group: [a]          | spec.source.config.consumer_group: expected a string",
            "start_offset: \"earliest\"   | start_offset: \"timestamp\"         | spec.source.config.start_timestamp: required for start_offset timestamp",
            "protocol: \"SASL_SSL\"       | protocol: \"TLS\"                   | `spec.source.config.security.protocol: unknown security protocol \"TLS\"`",
            "type: \"tumbling\"           | type: \"sliding\"                   | `spec.processing.window.type: unknown window type \"sliding\"`",
            "duration: \"5m\"             | duration: \"0s\"                    | spec.processing.window.duration: must be positive",
            "type: \"deduplicate\"        | type: \"dedupe\"                    | `spec.processing.stages[2].type: unknown stage type \"dedupe\"`",
                        "name: \"enrich\"             | name: \"filter\"                    | `spec.processing.stages[3].name: duplicate stage name \"filter\"`",
            "time_window: \"1h\"          | time_window: \"0s\"                 | spec.processing.stages[2].config.time_window: must be positive",
            "algorithm: \"bloom_filter\"  | algorithm: \"bloom_filter\"\\n          false_positive_rate: 0.7 | spec.processing.stages[2].config.false_positive_rate: must be > 0 and < 0.5, was 0.7",
            "algorithm: \"bloom_filter\"  | algorithm: \"lru\"                  | `spec.processing.stages[2].config.algorithm: unknown algorithm \"lru\"`",
            "key_fields: [\"event_id\", \"user_id\", \"timestamp\"] | key_fields: [] | spec.processing.stages[2].config.key_fields: must not be empty",
            "refresh_interval: \"60s\"    | refresh_interval: \"soon\"          | `spec.processing.stages[3].config.dynamic_rules.refresh_interval: not a duration (\"soon\")`",
            "connection: \"postgresql://user-db:5432/profiles\" | connection: \"postgresql://app:s3cret@user-db:5432/profiles\" | spec.processing.stages[3].config.enrichment_sources[0].connection: must not contain a password (give credentials through credentials_secret)",
            "- source: \"geo_location\"   | - source: \"geo\"                   | `spec.processing.stages[3].config.rules[1].source: unknown source \"geo\"`",
            "cache_ttl: \"300s\"          | cache_tll: \"300s\"                 | spec.processing.stages[3].config.enrichment_sources[0].cache_tll: unknown field",
            "timeout: \"2s\"              | timeout: 2                          | `spec.processing.stages[3].config.enrichment_sources[1].timeout: not a duration (\"2\")`",
            "output_mode: \"update\"      | output_mode: \"append\"             | `spec.processing.stages[4].config.output_mode: unknown output mode \"append\"`",
            "function: \"sum\"            | function: \"median\"                | `spec.processing.stages[4].config.aggregations[0].function: unknown function \"median\"`",
            "memory: \"1.5Gi\"            | memory: \"lots\"                    | `spec.processing.stages[3].resources.memory: not a resource quantity (\"lots\")`",
            "max_replicas: 15            | max_replicas: 1                     | spec.processing.stages[2].scaling.max_replicas: must be at least min_replicas (3), was 1",
            "target_cpu: 80               | target_cpu: 180                     | spec.processing.stages[2].scaling.target_cpu: must be at most 100, was 180",
            "after_stage: \"deduplicate\" | after_stage: \"dedup\"              | `spec.intermediate_storage[1].after_stage: unknown stage \"dedup\"`",
            "partitions: 16               | partitions: -1                      | spec.sink.config.partitions: must be at least 1, was -1",
            "acknowledgment: \"all\"      | acknowledgment: \"some\"            | `spec.sink.config.acknowledgment: unknown acknowledgment \"some\"`",
            "compression_type: \"lz4\"    | compression_type: \"brotli\"        | `spec.sink.config.compression_type: unknown compression type \"brotli\"`",
            "severity: \"critical\"       | severity: \"fatal\"                 | `spec.monitoring.alerts[0].severity: unknown severity \"fatal\"`",
            "backend: \"rocksdb\"         | backend: \"redis\"                  | `spec.state_management.backend: unknown backend \"redis\"`",
            "rbac_enabled: true           | rbac_enabled: maybe                 | `spec.security.authorization.rbac_enabled: expected true or false, was \"maybe\"`",
            "incremental_checkpoints: true | incremental_checkpoint: true       | spec.state_management.incremental_checkpoint: unknown field",
            "checkpoint: true             | checkpoint: true\\n        retries: 3 | spec.processing.stages[1].retries: unknown field",
    })
    void namesThePathOfEachError(String from, String to, String expected) {
        assertThat(errorsOf(seedWith(from.replace("\\n", "\n"), to.replace("\\n", "\n")))).containsExactly(expected);
    }

    @Test
    void reportsAllErrorsAtOnce() {
        String yaml = SEED.replace("time_window: \"1h\"", "time_window: \"1hour\"")
                .replace("topic: \"events.processed\"", "topicc: \"events.processed\"")
                .replace("operator: \"not_null\"", "operator: \"between\"");
        assertThat(errorsOf(yaml)).containsExactly(
                "spec.processing.stages[1].config.conditions[1].operator: unknown operator \"between\"",
                "spec.processing.stages[2].config.time_window: not a duration (\"1hour\")",
                "spec.sink.config.topicc: unknown field",
                "spec.sink.config.topic: required");
    }

    @Test
    void rejectsTwoStagesOfOneType() {
        assertThat(errorsOf(minimal("processing: {stages: [{name: a, type: filter}, {name: b, type: filter}]}")))
                .containsExactly("spec.processing.stages[1].type: duplicate stage type filter (one stage per type)");
    }

    @Test
    void freeFormDatabaseConfigAcceptsAnyKeys() {
        StreamingPipeline pipeline = PipelineSpecParser.parse(
                seedWith("keyspace: \"deduplication\"", "keyspace: \"deduplication\"\n            anything: {nested: [1]}"));
        assertThat(pipeline.stage(StageType.DEDUPLICATE).orElseThrow().database().config().get("anything").isObject())
                .isTrue();
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(errorsOf(seedWith("parallelism: 4\n", "parallelism: 4\n    parallelism: 5\n")))
                .singleElement().asString().startsWith("not valid YAML: Duplicate field 'parallelism'");
    }

    @Test
    void rejectsInvalidYamlWithLocation() {
        assertThat(errorsOf("spec: [unclosed")).singleElement().asString()
                .startsWith("not valid YAML").contains("line ");
    }

    @Test
    void rejectsEmptyAndNonObjectDocuments() {
        assertThat(errorsOf("")).containsExactly("document is empty");
        assertThat(errorsOf("- a\n- b")).containsExactly("expected an object");
    }

    @Test
    void requiresTheMainSections() {
        assertThat(errorsOf("apiVersion: etl.platform.io/v1\nkind: StreamingPipeline\nmetadata: {name: p}\nspec: {}"))
                .containsExactly("spec.source: required", "spec.processing: required", "spec.sink: required");
        assertThat(errorsOf("kind: StreamingPipeline")).containsExactly("apiVersion: required", "metadata: required",
                "spec: required");
    }

    @Test
    void requiresStages() {
        assertThat(errorsOf(minimal("processing: {stages: []}"))).containsExactly("spec.processing.stages: must not be empty");
        assertThat(errorsOf(minimal("processing: {}"))).containsExactly("spec.processing.stages: required");
    }

    @Test
    void minimalSpecGetsDefaults() {
        StreamingPipeline pipeline = PipelineSpecParser.parse(minimal(
                "processing: {stages: [{name: f, type: filter}, {name: a, type: aggregate, config: {late_data_handling: dead_letter}}]}"));
        PipelineSpec spec = pipeline.spec();
        assertThat(spec.config()).isEqualTo(GlobalConfig.DEFAULTS);
        assertThat(spec.processing().window()).isEqualTo(WindowSpec.DEFAULTS);
        StageConfig.Filter filter = spec.stageConfig(StageType.FILTER, StageConfig.Filter.class).orElseThrow();
        assertThat(filter.conditions()).isEmpty();
        assertThat(filter.dynamicRules()).isEqualTo(DynamicRules.DISABLED);
        StageConfig.Aggregate aggregate = spec.stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class).orElseThrow();
        assertThat(aggregate.groupBy()).containsExactly("user_id", "event_type", "region");
        assertThat(aggregate.outputMode()).isEqualTo(OutputMode.UPDATE);
        assertThat(spec.lateDataHandling()).isEqualTo(LateDataHandling.DEAD_LETTER);
        assertThat(spec.topics().outputTopic(StageType.FILTER)).isEqualTo("events.filtered");
        assertThat(spec.topics().inputTopic(StageType.AGGREGATE)).isEqualTo("events.filtered");
        assertThat(spec.topics().outputTopic(StageType.AGGREGATE)).isEqualTo("out");
        assertThat(spec.stage(StageType.ENRICH)).isEmpty();
        assertThat(spec.monitoring()).isEqualTo(OperationsSpec.Monitoring.DEFAULTS);
        assertThat(spec.stateManagement()).isNull();
    }

    @Test
    void customDeadLetterAndLateTopics() {
        PipelineSpec spec = PipelineSpecParser.parse(seedWith("max_parallelism: 16",
                "max_parallelism: 16\n    dead_letter_topic: my.dlq\n    late_data_topic: my.late")).spec();
        assertThat(spec.topics().deadLetterTopic()).isEqualTo("my.dlq");
        assertThat(spec.topics().lateTopic()).isEqualTo("my.late");
    }

    @Test
    void topicLookupOfUnknownStageFails() {
        assertThatThrownBy(() -> PipelineSpecParser.seed().topicAfter("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no stage named \"nope\"");
    }

    @Test
    void exceptionCarriesStructuredViolations() {
        SpecValidationException e = org.junit.jupiter.api.Assertions.assertThrows(SpecValidationException.class,
                () -> PipelineSpecParser.parse(seedWith("time_window: \"1h\"", "time_window: \"1hour\"")));
        assertThat(e.errors()).containsExactly(new RuleViolation("spec.processing.stages[2].config.time_window",
                "not a duration (\"1hour\")"));
        assertThat(e.getMessage()).startsWith("invalid StreamingPipeline spec (1 error):");
    }

    private static String minimal(String processing) {
        return """
                apiVersion: etl.platform.io/v1
                kind: StreamingPipeline
                metadata: {name: p}
                spec:
                  source: {type: kafka, config: {brokers: [b], topic: in, consumer_group: g}}
                  %s
                  sink: {type: kafka, config: {topic: out}}
                """.formatted(processing);
    }
}
