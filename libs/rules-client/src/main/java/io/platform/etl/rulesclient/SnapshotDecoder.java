package io.platform.etl.rulesclient;

import io.platform.etl.model.rules.publish.RuleSnapshot;

/**
 * Turns a snapshot into the stage's compiled, immutable rule object (e.g. static conditions + dynamic ones compiled
 * into one {@code FilterEvaluator}). Throwing (e.g. {@code RuleValidationException}) rejects the snapshot: the
 * client keeps the last good rules and counts it.
 */
@FunctionalInterface
public interface SnapshotDecoder<T> {

    T decode(RuleSnapshot snapshot);
}
