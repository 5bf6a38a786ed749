package io.platform.etl.stageruntime.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.topology.StageDriver;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UppercaseTypeTopologyTest {

    @Test
    void uppercasesTheTypeOfAcceptedEventsAndSkipsTheOthers() {
        try (StageDriver stage = new StageDriver(new UppercaseTypeTopology(RuleHolder.fixed(Set.of("click"))),
                1024)) {
            stage.send("a", "{\"event_id\":\"a\",\"event_type\":\"click\",\"timestamp\":1714557600000}");
            stage.send("b", "{\"event_id\":\"b\",\"event_type\":\"view\",\"timestamp\":1714557600000}");

            assertThat(stage.outputs()).singleElement().satisfies(value ->
                    assertThat(value).contains("\"event_type\":\"CLICK\"", "\"event_id\":\"a\""));
            assertThat(stage.count("passed")).isEqualTo(1.0);
            assertThat(stage.count("skipped")).isEqualTo(1.0);
        }
    }
}
