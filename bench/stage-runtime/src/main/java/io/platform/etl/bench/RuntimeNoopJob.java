package io.platform.etl.bench;

import io.platform.etl.bench.kit.stage.LoopNoop;
import io.platform.etl.bench.kit.stage.StageYaml;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Job (c): the stage runtime with a stage that forwards every record — the runtime's own cost (decode, dead-letter
 * routing, metrics, watermarks, the transaction) on stage-filter's engine, the transactional loop (ADR 0337), and its
 * client settings, without Micronaut.
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
        Path yml = Path.of("stage-filter/src/main/resources/application.yml");
        Map<String, String> streams = StageYaml.streamsDefaults(yml);
        StageSettings settings = new StageSettings("filter", applicationId, applicationId, "",
                Integer.parseInt(args[4]), BenchSettings.COMMIT_INTERVAL, args[5], Duration.ofSeconds(30), 1048576,
                3, streams);
        LoopNoop.runUntilStopped(section, settings, bootstrap, yml);
    }
}
