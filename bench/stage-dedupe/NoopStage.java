import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.bench.kit.stage.StreamsBaseline;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.AdminTopicInfo;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.eventtime.WatermarkSource;
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
import org.apache.kafka.streams.kstream.Named;

/**
 * Bench child: the stage runtime with a stage that forwards every record (decode, dead-letter routing, metrics,
 * watermarks; no repartition, no state), on the dedupe bench's Kafka Streams settings, without Micronaut.
 */
final class NoopStage {

    private NoopStage() {
    }

    static void run(String bootstrap, String applicationId, String stateDir) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of(DedupeBench.PIPELINE_SPEC));
        StageSection section = new StageSection(seed, seed.stage(StageType.DEDUPLICATE).orElseThrow(),
                new StageTopics(DedupeBench.INPUT, "bench.out", "bench.dlq"));
        StageSettings settings = DedupeBench.streamsSettings(applicationId, stateDir);
        StageMetrics metrics = new StageMetrics(new SimpleMeterRegistry(), "deduplicate");
        DeadLetters deadLetters = new DeadLetters("deduplicate", "bench.dlq", metrics);
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), bootstrap, deadLetters);
        EventTime eventTime = new EventTime(new EventTimeSettings(WatermarkSource.DATA, null, Duration.ZERO,
                Duration.ofSeconds(10)), seed.spec().config().watermarkInterval(), applicationId,
                new AdminTopicInfo(StreamsProperties.connection(props)));
        KafkaStreams streams = new KafkaStreams(TopologyAssembler.assemble(section,
                (input, context) -> input.mapValues(InputRecord::value, Named.as("noop")), metrics, deadLetters,
                settings.maxRecordBytes(), eventTime), props);
        StreamsBaseline.runUntilStopped(streams, s -> { });
    }
}
