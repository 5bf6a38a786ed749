package io.platform.etl.stage.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.stage.enrich.loop.EnrichLoop;
import io.platform.etl.stage.enrich.loop.LoopWorker;
import io.platform.etl.stagetestkit.StageContract;
import java.util.Map;

/**
 * The stage contract for the enrich stage's loop. Its sources are made unusable here (no configured database
 * matches, no allowed API host), so every lookup fails at once without I/O and the output equals the input; the
 * lookups themselves are tested in the {@code it} package.
 */
class EnrichContractIT extends StageContract {

    @Override
    protected Class<?> application() {
        return Application.class;
    }

    @Override
    protected String validRecord(String run, int i) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":\"u" + (i % 97)
                + "\",\"event_type\":\"click\",\"timestamp\":1714557600000}";
    }

    @Override
    protected boolean followsDynamicRules() {
        return true;
    }

    @Override
    protected String engineIndicator() {
        return "enrich-loop";
    }

    @Override
    protected boolean engineStarted() {
        return context().getBean(EnrichLoop.class).state() != LoopWorker.State.CREATED;
    }

    /** The loop keeps no local state: its readiness is the loop's own indicator, checked above. */
    @Override
    protected void assertRestoredBeforeReady() {
        assertThat(readiness()).doesNotContain("kafka-streams-restored");
    }

    @Override
    protected Map<String, String> stageProperties() {
        return Map.of("enrich.databases.profiles.match", "not-used-by-the-spec",
                "enrich.databases.profiles.jdbc-url", "jdbc:postgresql://127.0.0.1:1/none",
                "enrich.allowed-api-hosts", "not-the-spec-host.invalid");
    }
}
