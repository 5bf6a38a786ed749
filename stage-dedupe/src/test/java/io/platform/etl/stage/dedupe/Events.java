package io.platform.etl.stage.dedupe;

import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Instant;

/** Test events (ids carry a run tag so each test reads only its own records) and rule snapshots. */
final class Events {

    private Events() {
    }

    static final String PIPELINE = "advanced-streaming-pipeline";

    /** The deduplication rules as rules-api publishes them for the pipeline. */
    static RuleSnapshot rules(long version, DeduplicationConfig config) {
        return RuleSnapshot.ofDeduplication(PIPELINE, version, Instant.now(), config);
    }

    static String event(String id, String user, long time) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"" + id + "\"");
        if (user != null) {
            json.append(",\"user_id\":\"").append(user).append('"');
        }
        return json.append(",\"event_type\":\"click\",\"timestamp\":\"").append(Instant.ofEpochMilli(time))
                .append("\"}").toString();
    }
}
