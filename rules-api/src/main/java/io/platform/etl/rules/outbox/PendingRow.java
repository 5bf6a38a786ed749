package io.platform.etl.rules.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Instant;

/** An unpublished outbox row with the version it announces. */
record PendingRow(long id, String pipeline, RuleKind kind, long version, JsonNode body, Instant committedAt) {

    RuleSnapshot snapshot() {
        return new RuleSnapshot(pipeline, kind, version, committedAt, body);
    }
}
