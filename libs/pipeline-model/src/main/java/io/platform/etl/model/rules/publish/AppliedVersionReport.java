package io.platform.etl.model.rules.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * What one stage instance has applied, stored under {@link RuleKeys#appliedKey} with a TTL (the reporter
 * refreshes it, so stale instances disappear): {@code {"instance_id":"stage-filter-7d9f-x2","stage":"filter",
 * "pipeline":"advanced-streaming-pipeline","kind":"filter","version":7,"applied_at":"2024-05-01T10:00:01Z"}}.
 *
 * @param instanceId unique per running instance (pod name, or host + pid)
 * @param stage      stage name as in the spec ({@code filter}, {@code deduplicate}, {@code enrich})
 * @param pipeline   pipeline name
 * @param kind       rule kind
 * @param version    the version in effect on that instance
 * @param appliedAt  when it took effect
 */
public record AppliedVersionReport(@JsonProperty("instance_id") String instanceId, String stage, String pipeline,
                                   RuleKind kind, long version, @JsonProperty("applied_at") Instant appliedAt) {

    public AppliedVersionReport {
        Objects.requireNonNull(instanceId, "instance_id");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(appliedAt, "applied_at");
    }
}
