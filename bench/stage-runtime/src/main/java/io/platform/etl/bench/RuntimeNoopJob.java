package io.platform.etl.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platform.etl.bench.kit.stage.StageYaml;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.AdminTopicInfo;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.kafka.TopologyAssembler;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * Job (c): the stage runtime with a stage that forwards every record — the runtime's own cost (decode, dead-letter
 * routing, metrics, watermarks) on stage-filter's Kafka Streams settings, without Micronaut.
 */
public final class RuntimeNoopJob {

    private RuntimeNoopJob() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String applicationId = args[1];
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(args[2], args[3], BenchSettings.DEAD_LETTERS));
        Map<String, String> streams = StageYaml.streamsDefaults(Path.of("stage-filter/src/main/resources/application.yml"));
        StageSettings settings = new StageSettings("filter", applicationId, applicationId, "",
                Integer.parseInt(args[4]), BenchSettings.COMMIT_INTERVAL, args[5], Duration.ofSeconds(30), 1048576,
                3, streams);
        StageMetrics metrics = new StageMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "filter");
        DeadLetters deadLetters = new DeadLetters("filter", BenchSettings.DEAD_LETTERS, metrics);
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), bootstrap, deadLetters);
        AdminTopicInfo topics = new AdminTopicInfo(StreamsProperties.connection(props));
        EventTime eventTime = new EventTime(EventTimeSettings.defaults(),
                seed.spec().config().watermarkInterval(), applicationId, topics);
        Topology topology = TopologyAssembler.assemble(section,
                (input, context) -> input.mapValues(InputRecord::value, Named.as("noop")), metrics, deadLetters,
                settings.maxRecordBytes(), eventTime);
        DslFilterJob.run(new KafkaStreams(topology, props));
    }
}
