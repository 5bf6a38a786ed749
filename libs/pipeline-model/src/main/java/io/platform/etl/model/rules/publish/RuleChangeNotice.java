package io.platform.etl.model.rules.publish;

import java.util.Objects;

/**
 * Published on {@link RuleKeys#changesChannel()} after a snapshot was stored:
 * {@code {"pipeline":"advanced-streaming-pipeline","kind":"filter","version":7}}. It carries no rules: a reader
 * whose applied version is lower re-reads the snapshot key.
 */
public record RuleChangeNotice(String pipeline, RuleKind kind, long version) {

    public RuleChangeNotice {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(kind, "kind");
    }
}
