package io.platform.etl.rules.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.publish.RuleKind;
import java.time.Instant;

/**
 * One committed version of a (pipeline, kind) rule set.
 *
 * @param body       the kind's canonical rule-set JSON (the snapshot payload)
 * @param diff       structured changes against the previous version
 * @param rollbackOf the version this one restored, or null
 */
public record RuleVersion(String pipeline, RuleKind kind, long version, JsonNode body, String author,
                          Instant createdAt, JsonNode diff, Long rollbackOf) {
}
