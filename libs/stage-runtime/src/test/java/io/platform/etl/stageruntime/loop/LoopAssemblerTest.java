package io.platform.etl.stageruntime.loop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopAssemblerTest {

    @Test
    void refusesACommitIntervalTheTransactionTimeoutWouldCutShort() {
        assertThatThrownBy(() -> assemble(Duration.ofSeconds(6), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage.commit-interval (PT6S) must be at most half of "
                        + "stage.loop.transaction-timeout (PT10S)");
        assertThatCode(() -> assemble(Duration.ofSeconds(5), Duration.ofSeconds(10))).doesNotThrowAnyException();
    }

    private static LoopAssembler assemble(Duration commitInterval, Duration transactionTimeout) {
        StreamingPipeline pipeline = PipelineSpecParser.seed();
        StageSection section = new StageSection(pipeline, pipeline.stage(StageType.FILTER).orElseThrow(),
                new StageTopics("in", "out", "dlq"));
        StageSettings stage = new StageSettings("filter", "t", null, "", 1, commitInterval, null,
                Duration.ofSeconds(10), 1 << 20, 0, Map.of());
        var registry = new SimpleMeterRegistry();
        return new LoopAssembler(section, stage,
                new LoopSettings(500, Duration.ofMillis(100), transactionTimeout, "none"),
                new KafkaSettings("PLAINTEXT", null, null, null, null, null), "localhost:9092",
                EventTimeSettings.defaults(), (records, events) -> java.util.List::of,
                new StageMetrics(registry, "filter"), registry, "t");
    }
}
