package io.platform.etl.stage.enrich;

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
    protected Map<String, String> stageProperties() {
        return Map.of("enrich.databases.profiles.match", "not-used-by-the-spec",
                "enrich.databases.profiles.jdbc-url", "jdbc:postgresql://127.0.0.1:1/none",
                "enrich.allowed-api-hosts", "not-the-spec-host.invalid");
    }
}
